package io.boucle.invoicing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.boucle.shared.Money;
import io.boucle.tax.VatNumber;

/**
 * Who issues the invoices and on which terms: the one row of settings every document copies its seller
 * from. A value of this type is valid: the constructor checks every field and throws
 * {@link InvalidMerchantSettings} naming all those at fault.
 *
 * @param legalName            the registered company name (dénomination sociale)
 * @param legalForm            e.g. "SAS", required on commercial documents (Code de commerce art. R123-238)
 * @param siren                9 digits, Luhn-valid; spaces are dropped
 * @param siret                the registered office's 14 digits, starting with the SIREN
 * @param vatNumber            the French VAT number, which is {@code FR}, the key of the SIREN, then the SIREN
 * @param rcs                  the trade-register mention, e.g. "RCS Paris 912 345 675" (art. R123-237)
 * @param shareCapital         in EUR, for a company; empty for a sole trader
 * @param vatOnDebits          the merchant opted to pay the VAT on services when invoiced rather than when
 *                             paid (CGI art. 269-2 c); invoices then say so (décret n° 2022-1299)
 * @param paymentTerms         shown on every invoice (EN 16931 BT-20), e.g. "Payée à la commande"
 * @param paymentTermDays      days from the issue date to the due date: 0 to 60 (Code de commerce art.
 *                             L441-10 I caps agreed terms at 60 days from the invoice date)
 * @param earlyPaymentDiscount the discount for early payment, or that there is none, required on invoices
 *                             to businesses (art. L441-9 I; French e-invoicing note AAB)
 * @param latePaymentPenalties the late-payment penalty rate, required on invoices to businesses (art. L441-9
 *                             I and L441-10 II; note PMD)
 * @param recoveryIndemnity    the fixed EUR 40 indemnity for recovery costs, required on invoices to
 *                             businesses (art. L441-10 II and D441-5; note PMT)
 * @param invoicePrefix        the invoices' series, e.g. {@code F} for {@code F2026-000123}
 * @param creditNotePrefix     the credit notes' own series, e.g. {@code AV} for {@code AV2026-000007}
 */
public record MerchantSettings(String legalName, String legalForm, PostalAddress address, String siren, String siret,
        String vatNumber, String rcs, Optional<Money> shareCapital, boolean vatOnDebits, String paymentTerms,
        int paymentTermDays, String earlyPaymentDiscount, String latePaymentPenalties, String recoveryIndemnity,
        String invoicePrefix, String creditNotePrefix) {

    /**
     * A series prefix: letters, digits, {@code -} and {@code _}, starting with a letter, at most 12. The
     * number it starts ({@code prefix + year + "-" + sequence}) then stays within the 35 characters and the
     * alphabet {@code A-Z a-z 0-9 + - _ /} e-invoices allow; {@code +} and {@code /} are left out so that a
     * number is safe as it is in a URL.
     */
    static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,11}");

    /** Code de commerce art. L441-10 I: agreed payment terms cannot exceed 60 days from the invoice date. */
    static final int MAXIMUM_PAYMENT_TERM_DAYS = 60;

    public MerchantSettings {
        List<InvalidMerchantSettings.Problem> problems = new ArrayList<>();
        legalName = text(problems, "legalName", legalName, Texts.SHORT);
        legalForm = text(problems, "legalForm", legalForm, 100);
        if (address == null) {
            problems.add(new InvalidMerchantSettings.Problem("address", "is required"));
        }
        String sirenDigits = digits(siren);
        String siretDigits = digits(siret);
        String vat = vatNumber == null ? "" : vatNumber.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        Optional<Siren> validSiren = parse(problems, "siren", () -> Siren.of(requiredValue(sirenDigits)));
        parse(problems, "siret", () -> Siret.of(requiredValue(siretDigits))).ifPresent(parsed -> validSiren
                .filter(company -> !parsed.siren().equals(company))
                .ifPresent(company -> problems.add(new InvalidMerchantSettings.Problem("siret",
                        "must start with the SIREN " + company))));
        parse(problems, "vatNumber", () -> VatNumber.of(requiredValue(vat))).ifPresent(parsed -> validSiren
                .filter(company -> !parsed.value().equals(company.vatNumber()))
                .ifPresent(company -> problems.add(new InvalidMerchantSettings.Problem("vatNumber",
                        "the VAT number of SIREN " + company + " is " + company.vatNumber()))));
        siren = sirenDigits;
        siret = siretDigits;
        vatNumber = vat;
        rcs = text(problems, "rcs", rcs, 100);
        shareCapital = Objects.requireNonNullElse(shareCapital, Optional.empty());
        shareCapital.ifPresent(capital -> {
            if (!capital.currency().equals(Money.EUR) || capital.isNegative() || !capital.isRoundedToMinorUnit()) {
                problems.add(new InvalidMerchantSettings.Problem("shareCapital", "must be an amount in EUR, in cents, not negative"));
            }
        });
        paymentTerms = text(problems, "paymentTerms", paymentTerms, Texts.LONG);
        if (paymentTermDays < 0 || paymentTermDays > MAXIMUM_PAYMENT_TERM_DAYS) {
            problems.add(new InvalidMerchantSettings.Problem("paymentTermDays",
                    "must be from 0 to " + MAXIMUM_PAYMENT_TERM_DAYS + " days (Code de commerce art. L441-10)"));
        }
        earlyPaymentDiscount = text(problems, "earlyPaymentDiscount", earlyPaymentDiscount, Texts.LONG);
        latePaymentPenalties = text(problems, "latePaymentPenalties", latePaymentPenalties, Texts.LONG);
        recoveryIndemnity = text(problems, "recoveryIndemnity", recoveryIndemnity, Texts.LONG);
        if (recoveryIndemnity != null && !recoveryIndemnity.contains("40")) {
            problems.add(new InvalidMerchantSettings.Problem("recoveryIndemnity",
                    "must state the EUR 40 fixed by Code de commerce art. D441-5"));
        }
        invoicePrefix = prefix(problems, "invoicePrefix", invoicePrefix);
        creditNotePrefix = prefix(problems, "creditNotePrefix", creditNotePrefix);
        if (invoicePrefix != null && invoicePrefix.equalsIgnoreCase(creditNotePrefix)) {
            problems.add(new InvalidMerchantSettings.Problem("creditNotePrefix",
                    "must differ from the invoice prefix: credit notes have their own series"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMerchantSettings(problems);
        }
    }

    /** The seller as documents issued now show it. */
    public Seller seller() {
        return new Seller(legalName, legalForm, address, Siren.of(siren), Siret.of(siret), vatNumber, rcs, shareCapital);
    }

    /** The prefix of a document type's series. */
    public String prefix(InvoiceType type) {
        return switch (type) {
            case INVOICE -> invoicePrefix;
            case CREDIT_NOTE -> creditNotePrefix;
        };
    }

    private static String digits(String value) {
        return value == null ? "" : value.replaceAll("[\\s\\u00a0]", "");
    }

    private static String requiredValue(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("is required");
        }
        return value;
    }

    private static <T> Optional<T> parse(List<InvalidMerchantSettings.Problem> problems, String field, Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidMerchantSettings.Problem(field, e.getMessage()));
            return Optional.empty();
        }
    }

    private static String text(List<InvalidMerchantSettings.Problem> problems, String field, String value, int maxLength) {
        String stripped = value == null ? null : value.strip();
        Texts.problem(stripped, maxLength).ifPresent(problem -> problems.add(new InvalidMerchantSettings.Problem(field, problem)));
        return stripped;
    }

    private static String prefix(List<InvalidMerchantSettings.Problem> problems, String field, String value) {
        String prefix = value == null ? "" : value.strip();
        if (!PREFIX.matcher(prefix).matches()) {
            problems.add(new InvalidMerchantSettings.Problem(field,
                    "1 to 12 letters, digits, '-' or '_', starting with a letter"));
        }
        return prefix;
    }
}
