package io.boucle.buyback;

import java.time.Instant;
import java.time.LocalDate;

import io.boucle.shared.Money;

/** One line of the dealers' register (Code pénal art. 321-7 and R321-3), as written. */
public record RegisterEntry(long number, Instant enteredAt, String offerReference, String description,
                            String sellerLastName, String sellerFirstNames, String sellerAddress, String idDocument,
                            String idDocumentNumber, LocalDate idDocumentIssuedOn, String idDocumentAuthority, Money price,
                            String paymentMethod) {
}
