package io.boucle.invoicing;

import java.util.Objects;
import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.tax.VatNumber;

/**
 * The seller as an issued document shows it, copied from the merchant settings at the moment of issue:
 * a later change of address or capital never rewrites an issued invoice.
 *
 * <p>The identity an invoice and any commercial document must show: name and address, SIREN and VAT
 * number (CGI ann. II art. 242 nonies A I), the RCS registration and its city (Code de commerce art.
 * R123-237), the legal form and the share capital of a company (art. R123-238).
 */
public record Seller(String legalName, String legalForm, PostalAddress address, Siren siren, Siret siret,
        String vatNumber, String rcs, Optional<Money> shareCapital) {

    public Seller {
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(legalForm, "legalForm");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(siren, "siren");
        Objects.requireNonNull(siret, "siret");
        vatNumber = VatNumber.of(vatNumber).value();
        Objects.requireNonNull(rcs, "rcs");
        Objects.requireNonNull(shareCapital, "shareCapital");
    }
}
