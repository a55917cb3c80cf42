package io.boucle.buyback;

import java.time.LocalDate;

/**
 * Who sells the item, as the dealers' register must name them (Code pénal art. R321-3): last name,
 * first names, home address, and the kind, number, date of issue and issuing authority of the
 * identity document they showed.
 */
public record SellerIdentity(String lastName, String firstNames, String address, IdDocument document,
                             String documentNumber, LocalDate documentIssuedOn, String documentAuthority) {

    /** Identity documents the shop accepts. */
    public enum IdDocument {
        NATIONAL_ID_CARD("Carte nationale d'identité"),
        PASSPORT("Passeport"),
        RESIDENCE_PERMIT("Titre de séjour"),
        DRIVING_LICENCE("Permis de conduire");

        private final String label;

        IdDocument(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
