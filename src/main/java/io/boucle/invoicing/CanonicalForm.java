package io.boucle.invoicing;

import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * The canonical text of an issued document, which its hash covers: every field the document shows, in a
 * fixed order, one {@code name=value} per line, so an auditor can read it and recompute the hash.
 *
 * <p>It must give the same text for ten years for the same document, so it depends on no library's
 * formatting: amounts are written as plain decimals at the scale {@link Money} keeps (at least the cent),
 * rates without trailing zeros, dates and instants in ISO 8601 (instants in UTC, to the microsecond the
 * database keeps), enums by name. In a value, {@code \} is written {@code \\}, a line feed {@code \n} and a
 * carriage return {@code \r}; absent optional fields are left out. A change of this format is a new
 * {@link #VERSION}, stored with each document, never an edit of this one: a document is always verified
 * in the version it was hashed in.
 *
 * <p>Versions: 1, the first; 2 adds the payment an invoice acknowledges ({@code payment.*}), and is the
 * same text as version 1 but for its first line when there is none; 3 adds, on each line of a credit note,
 * the units of the invoice line it credits ({@code line.N.creditedUnits}), which an amount credited (part of
 * a line) leaves at 0; 4 adds, on a document in another currency than the euro, the VAT accounting currency,
 * the rate its order was converted at and its VAT total in euros ({@code taxCurrency}, {@code exchangeRate.*},
 * {@code taxCurrency.vatTotal}), and is the same text as version 3 but for its first line when there are none.
 *
 * <p>A document is hashed in the lowest version that writes all it holds ({@link #versionFor(Invoice)}): a document
 * in euros is still written in version 3, so the text of a document in euros is the same as before version 4.
 */
final class CanonicalForm {

    static final int VERSION = 4;

    private final StringBuilder text;
    private final int version;

    private CanonicalForm(int version) {
        this.version = version;
        this.text = new StringBuilder("boucle-invoice/" + version + "\n");
    }

    /** The text of a document issued now, in the version it is hashed in. */
    static String of(Invoice document) {
        return of(document, versionFor(document));
    }

    /** The version a document issued now is hashed in: 4 for a document in another currency than the euro, else 3. */
    static int versionFor(Invoice document) {
        return document.taxCurrency().isPresent() ? 4 : 3;
    }

    /**
     * The text of a document in a given version.
     *
     * @throws IllegalArgumentException when the version is unknown, or cannot write all the document holds
     */
    static String of(Invoice document, int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("unknown canonical form version " + version);
        }
        if (version < 2 && document.payment().isPresent()) {
            throw new IllegalArgumentException("version 1 has no payment fields");
        }
        if (version < 3 && document.lines().stream()
                .anyMatch(line -> line.creditedLine().isPresent() && line.creditedUnits() != line.quantity())) {
            throw new IllegalArgumentException("version " + version + " credits whole quantities only");
        }
        if (version < 4 && document.taxCurrency().isPresent()) {
            throw new IllegalArgumentException("version " + version + " writes documents in euros only");
        }
        CanonicalForm form = new CanonicalForm(version);
        form.write(document);
        return form.text.toString();
    }

    private void write(Invoice document) {
        field("number", document.number().value());
        field("type", document.type().code());
        field("issueDate", document.issueDate().toString());
        field("issuedAt", DateTimeFormatter.ISO_INSTANT.format(document.issuedAt()));
        field("orderReference", document.orderReference());
        field("currency", document.currency().getCurrencyCode());
        if (version >= 4) {
            document.taxCurrency().ifPresent(tax -> {
                field("taxCurrency", Money.EUR.getCurrencyCode());
                field("exchangeRate.rate", tax.rate().rate().toPlainString());
                field("exchangeRate.date", tax.rate().date().toString());
                field("taxCurrency.vatTotal", amount(tax.vatInEuros()));
            });
        }
        field("operationCategory", document.operationCategory().name());
        field("deliveryDate", document.deliveryDate().map(Object::toString));
        field("dueDate", document.dueDate().toString());

        Seller seller = document.seller();
        field("seller.legalName", seller.legalName());
        field("seller.legalForm", seller.legalForm());
        address("seller.address", seller.address());
        field("seller.siren", seller.siren().value());
        field("seller.siret", seller.siret().value());
        field("seller.vatNumber", seller.vatNumber());
        field("seller.rcs", seller.rcs());
        field("seller.shareCapital", seller.shareCapital().map(CanonicalForm::amount));

        InvoiceBuyer buyer = document.buyer();
        field("buyer.name", buyer.name());
        field("buyer.companyName", buyer.companyName());
        address("buyer.address", buyer.address());
        field("buyer.siren", buyer.siren().map(Siren::value));
        field("buyer.vatNumber", buyer.vatNumber());
        document.deliveryAddress().ifPresent(address -> address("deliveryAddress", address));

        for (Invoice.Line line : document.lines()) {
            String name = "line." + line.number() + ".";
            field(name + "kind", line.kind().name());
            field(name + "itemReference", line.itemReference());
            field(name + "description", line.description());
            field(name + "quantity", Integer.toString(line.quantity()));
            field(name + "unitPriceExclVat", amount(line.unitPriceExclVat()));
            field(name + "vatRate", line.vatRate().value().toPlainString());
            field(name + "vatCategory", line.vatCategory().name());
            field(name + "exemptionReason", line.exemptionReason().map(reason -> reason.code()));
            field(name + "regime", line.regime().name());
            field(name + "taxCountry", line.taxCountry().map(Object::toString));
            field(name + "totalExclVat", amount(line.totalExclVat()));
            field(name + "totalVat", amount(line.totalVat()));
            field(name + "totalInclVat", amount(line.totalInclVat()));
            field(name + "creditedLine", line.creditedLine().map(Object::toString));
            if (version >= 3) {
                field(name + "creditedUnits", line.creditedLine().map(any -> Integer.toString(line.creditedUnits())));
            }
        }
        int position = 0;
        for (Invoice.VatRow row : document.vatBreakdown()) {
            String name = "vat." + ++position + ".";
            field(name + "category", row.category().name());
            field(name + "rate", row.rate().value().toPlainString());
            field(name + "exemptionReason", row.exemptionReason().map(reason -> reason.code()));
            field(name + "exemptionText", row.exemptionText());
            field(name + "taxableAmount", amount(row.taxableAmount()));
            field(name + "vatAmount", amount(row.vatAmount()));
        }
        Invoice.Totals totals = document.totals();
        field("totals.exclVat", amount(totals.exclVat()));
        field("totals.vat", amount(totals.vat()));
        field("totals.inclVat", amount(totals.inclVat()));
        field("totals.roundingAmount", amount(totals.roundingAmount()));
        field("totals.payable", amount(totals.payable()));
        position = 0;
        for (Invoice.Mention mention : document.mentions()) {
            String name = "mention." + ++position + ".";
            field(name + "kind", mention.kind().name());
            field(name + "text", mention.text());
        }
        document.originalInvoice().ifPresent(original -> {
            field("originalInvoice.number", original.number().value());
            field("originalInvoice.issueDate", original.issueDate().toString());
        });
        field("creditReason", document.creditReason());
        document.payment().ifPresent(payment -> {
            field("payment.paidOn", payment.paidOn().toString());
            field("payment.means", payment.means().name());
            field("payment.amount", amount(payment.amount()));
        });
    }

    private void address(String name, PostalAddress address) {
        field(name + ".line1", address.line1());
        field(name + ".line2", address.line2());
        field(name + ".postalCode", address.postalCode());
        field(name + ".city", address.city());
        field(name + ".country", address.country().value());
    }

    private void field(String name, Optional<String> value) {
        value.ifPresent(present -> field(name, present));
    }

    private void field(String name, String value) {
        text.append(name).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        text.append('\n');
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }
}
