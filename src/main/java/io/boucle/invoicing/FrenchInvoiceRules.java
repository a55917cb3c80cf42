package io.boucle.invoicing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.boucle.shared.Percentage;
import io.boucle.tax.VatCategory;

/**
 * The French rules on invoices and e-invoices that Boucle enforces itself, before a document is issued and
 * again before its Factur-X is made: the French e-invoicing rules (BR-FR, "Flux 2" Schematron of the
 * e-invoicing reform's external specifications) that Mustang's validator reports only as warnings, and the
 * mandatory mentions of CGI ann. II art. 242 nonies A and Code de commerce L441-9.
 *
 * <p>Rules on rates (BR-FR-16) and on the notes PMT, PMD and AAB (BR-FR-05) are for the invoices that go
 * through the French e-invoicing platforms: those to businesses established in France. Invoices to consumers
 * are e-reported, not e-invoiced, and may carry another member state's rate (OSS).
 */
final class FrenchInvoiceRules {

    /** BR-FR-01, BR-FR-02: at most 35 characters from this alphabet. */
    private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9+_/-]{1,35}");

    /** BR-FR-15: the VAT categories used in France ('L' and 'M' are Canary Islands and Ceuta-Melilla taxes). */
    private static final Set<VatCategory> FRENCH_CATEGORIES = EnumSet.of(VatCategory.S, VatCategory.E, VatCategory.AE,
            VatCategory.K, VatCategory.G, VatCategory.O, VatCategory.Z);

    /** BR-FR-16: the rates in force in France, mainland, Corsica and overseas, and 0. */
    private static final List<Percentage> FRENCH_RATES = List.of("0", "0.9", "1.05", "1.75", "2.1", "5.5", "7", "8.5",
            "9.2", "9.6", "10", "13", "19.6", "20", "20.6").stream().map(Percentage::of).toList();

    private FrenchInvoiceRules() {
    }

    /**
     * The French e-invoicing process code of a document (BT-23, BR-FR-08): B for goods, S for services, M for
     * both; 2 for an invoice already paid when issued, 1 otherwise.
     */
    static String businessProcess(Invoice document) {
        String kind = switch (document.operationCategory()) {
            case GOODS -> "B";
            case SERVICES -> "S";
            case MIXED -> "M";
        };
        return kind + (document.payment().isPresent() ? "2" : "1");
    }

    /** Whether the document goes through the French e-invoicing platforms: to a business established in France. */
    static boolean isDomesticBusinessInvoice(Invoice document) {
        return document.buyer().isBusiness() && document.buyer().isInFrance();
    }

    /** @throws IllegalArgumentException listing every rule the document breaks */
    static void check(Invoice document) {
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(document.number() + " breaks the French invoicing rules: "
                    + String.join("; ", problems));
        }
    }

    static List<String> problems(Invoice document) {
        List<String> problems = new ArrayList<>();
        documentId(problems, "BR-FR-01/02 BT-1", document.number().value());
        document.originalInvoice().ifPresent(original -> documentId(problems, "BR-FR-01/02 BT-25", original.number().value()));
        date(problems, "BT-2 issue date", Optional.of(document.issueDate()));
        date(problems, "BT-9 due date", Optional.of(document.dueDate()));
        date(problems, "BT-72 delivery date", document.deliveryDate());
        date(problems, "BT-26 invoice cited", document.originalInvoice().map(Invoice.Reference::issueDate));
        date(problems, "payment date", document.payment().map(InvoicePayment::paidOn));

        Seller seller = document.seller();
        if (!Siren.isValid(seller.siren().value())) {
            problems.add("BR-FR-10: the seller's SIREN must be 9 digits with a valid key");
        }
        if (!seller.siret().value().matches("\\d{14}") || !seller.siret().value().startsWith(seller.siren().value())) {
            problems.add("BR-FR-09: the seller's SIRET must be 14 digits starting with its SIREN");
        }
        if (seller.legalName().isBlank() || seller.vatNumber().isBlank()) {
            problems.add("the seller's name and VAT number are mandatory (CGI ann. II art. 242 nonies A I 1° and 2°)");
        }
        if (!seller.vatNumber().equals(seller.siren().vatNumber())) {
            problems.add("the seller's VAT number " + seller.vatNumber() + " is not its SIREN's " + seller.siren().vatNumber());
        }

        InvoiceBuyer buyer = document.buyer();
        if (buyer.isBusiness() && buyer.isInFrance() && buyer.siren().isEmpty()) {
            problems.add("BR-FR-11: a business buyer established in France must be identified by its SIREN");
        }
        if (buyer.isBusiness() && buyer.companyName().isEmpty()) {
            problems.add("a business buyer is named by its company name");
        }

        for (Invoice.Line line : document.lines()) {
            if (!FRENCH_CATEGORIES.contains(line.vatCategory())) {
                problems.add("BR-FR-15: line " + line.number() + " has the VAT category " + line.vatCategory());
            }
            if (line.description().isBlank()) {
                problems.add("line " + line.number() + " needs a precise description (art. 242 nonies A I 9°)");
            }
        }
        for (Invoice.VatRow row : document.vatBreakdown()) {
            if (!FRENCH_CATEGORIES.contains(row.category())) {
                problems.add("BR-FR-15: a VAT breakdown row has the category " + row.category());
            }
            boolean exempt = row.category() != VatCategory.S && row.category() != VatCategory.Z;
            if (exempt && (row.exemptionText().isEmpty() || row.exemptionReason().isEmpty())) {
                problems.add("the " + row.category() + " VAT row needs its exemption mention and reason code "
                        + "(art. 242 nonies A I 12°, BR-E-10)");
            }
            if (exempt && document.mentions().stream().noneMatch(m -> m.kind().vatCategory().equals(Optional.of(row.category())))) {
                problems.add("the " + row.category() + " VAT row needs its mention on the document");
            }
        }

        if (isDomesticBusinessInvoice(document)) {
            for (Invoice.VatRow row : document.vatBreakdown()) {
                if (FRENCH_RATES.stream().noneMatch(rate -> rate.compareTo(row.rate()) == 0)) {
                    problems.add("BR-FR-16: " + row.rate() + " is not a French VAT rate");
                }
            }
            for (MentionKind required : List.of(MentionKind.RECOVERY_INDEMNITY, MentionKind.LATE_PAYMENT_PENALTIES,
                    MentionKind.EARLY_PAYMENT_DISCOUNT)) {
                long count = document.mentions().stream().filter(mention -> mention.kind() == required).count();
                if (count != 1) {
                    problems.add("BR-FR-05/06: an invoice to a business carries the " + note(required)
                            + " note exactly once, not " + count + " times");
                }
            }
        }
        if (document.isCreditNote() && document.originalInvoice().isEmpty()) {
            problems.add("a credit note cites the invoice it credits (art. 242 nonies A I 8°)");
        }
        return problems;
    }

    /** The subject code of the French e-invoicing note a mention is written in (BT-21). */
    static Optional<String> subjectCode(MentionKind kind) {
        return switch (kind) {
            case RECOVERY_INDEMNITY -> Optional.of("PMT");
            case LATE_PAYMENT_PENALTIES -> Optional.of("PMD");
            case EARLY_PAYMENT_DISCOUNT -> Optional.of("AAB");
            case VAT_ON_DEBITS -> Optional.of("TXD");
            default -> Optional.empty();
        };
    }

    private static String note(MentionKind kind) {
        return subjectCode(kind).orElse(kind.name());
    }

    private static void documentId(List<String> problems, String rule, String id) {
        if (!DOCUMENT_ID.matcher(id).matches()) {
            problems.add(rule + ": '" + id + "' must be 1 to 35 characters from A-Z a-z 0-9 + - _ /");
        }
    }

    /** BR-FR-03: dates of the years 2000 to 2099. */
    private static void date(List<String> problems, String field, Optional<LocalDate> date) {
        date.filter(value -> value.getYear() < 2000 || value.getYear() > 2099)
                .ifPresent(value -> problems.add("BR-FR-03 " + field + ": " + value + " is not in the years 2000 to 2099"));
    }
}
