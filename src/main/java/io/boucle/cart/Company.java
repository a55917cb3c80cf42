package io.boucle.cart;

import java.util.Locale;

import io.boucle.invoicing.Siren;
import io.boucle.shared.InvalidField;
import io.boucle.tax.VatNumber;

/**
 * A business buyer: its name, and its VAT number and SIREN when given, checked for shape and keys.
 * A French VAT number must carry the key of its SIREN (CGI ann. IV art. 1 quater), and match the SIREN
 * when both are given.
 */
public record Company(String name, String vatNumber, String siren) {

    public Company {
        if (name == null || name.isBlank()) {
            throw new InvalidField("company.name", "is required");
        }
        name = name.strip();
        if (name.length() > 200) {
            throw new InvalidField("company.name", "is longer than 200 characters");
        }
        siren = siren == null || siren.isBlank() ? null : siren.replaceAll("\\s", "");
        if (siren != null && !Siren.isValid(siren)) {
            throw new InvalidField("company.siren", "'" + siren + "' is not a valid SIREN (9 digits with a valid key)");
        }
        vatNumber = vatNumber == null || vatNumber.isBlank() ? null
                : vatNumber.replaceAll("[\\s.-]", "").toUpperCase(Locale.ROOT);
        if (vatNumber != null) {
            try {
                VatNumber.of(vatNumber);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("company.vatNumber", "'" + vatNumber + "' is not a VAT number");
            }
            if (vatNumber.startsWith("FR")) {
                String ownSiren = vatNumber.length() == 13 ? vatNumber.substring(4) : "";
                if (!Siren.isValid(ownSiren) || !Siren.of(ownSiren).vatNumber().equals(vatNumber)) {
                    throw new InvalidField("company.vatNumber", "'" + vatNumber + "' is not a valid French VAT number");
                }
                if (siren != null && !siren.equals(ownSiren)) {
                    throw new InvalidField("company.siren", "does not match the VAT number " + vatNumber);
                }
            }
        }
    }
}
