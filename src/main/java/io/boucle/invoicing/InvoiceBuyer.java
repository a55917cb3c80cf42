package io.boucle.invoicing;

import java.util.Objects;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.tax.VatNumber;

/**
 * The customer as the invoice names them: name and billing address (CGI ann. II art. 242 nonies A I 1°),
 * and for a business its company name, its VAT number when it has one (required for an exempt
 * intra-Community supply or a reverse charge) and, for a business established in France, its SIREN
 * (French e-invoicing rule BR-FR; décret n° 2022-1299). Those rules are checked when an invoice is issued
 * ({@link Invoicing#issueInvoice}); this type, which issued documents are read back into for ten years,
 * checks only their shape.
 *
 * @param name      the person's name; for a business, the person ordering
 * @param vatNumber an intra-EU VAT number such as {@code BE0123456789}, kept as VIES writes it
 */
public record InvoiceBuyer(String name, PostalAddress address, Optional<String> companyName, Optional<Siren> siren,
        Optional<String> vatNumber) {

    public InvoiceBuyer {
        name = Texts.required(name, "buyer name", Texts.SHORT);
        Objects.requireNonNull(address, "address");
        companyName = Objects.requireNonNull(companyName, "companyName").map(String::strip).filter(text -> !text.isEmpty());
        companyName.ifPresent(company -> Texts.required(company, "buyer company name", Texts.SHORT));
        Objects.requireNonNull(siren, "siren");
        // Written as VIES and invoices write it: upper case, no spaces, dots or hyphens.
        vatNumber = Objects.requireNonNull(vatNumber, "vatNumber").map(number -> VatNumber.of(number).value());
    }

    public static InvoiceBuyer consumer(String name, PostalAddress address) {
        return new InvoiceBuyer(name, address, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A business; {@code siren} and {@code vatNumber} may be null when it has none. */
    public static InvoiceBuyer business(String name, String companyName, PostalAddress address, String siren,
            String vatNumber) {
        return new InvoiceBuyer(name, address, Optional.of(companyName), Optional.ofNullable(siren).map(Siren::of),
                Optional.ofNullable(vatNumber));
    }

    /** A business buyer: invoices to it carry the payment and late-payment mentions of Code de commerce L441-9. */
    public boolean isBusiness() {
        return companyName.isPresent() || siren.isPresent() || vatNumber.isPresent();
    }

    /** Established in France: billed at a French address, or identified for VAT in France. */
    public boolean isInFrance() {
        return address.country().equals(CountryCode.FRANCE) || vatNumber.map(number -> number.startsWith("FR")).orElse(false);
    }
}
