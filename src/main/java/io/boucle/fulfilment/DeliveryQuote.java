package io.boucle.fulfilment;

import java.time.LocalDate;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * One way to deliver a parcel, its price (VAT included) and when it should arrive.
 *
 * @param standardPrice what the cheapest standard delivery would cost for the same parcel: a
 *                      withdrawal refunds that, not the extra of an express option
 */
public record DeliveryQuote(String code, DeliveryKind kind, LocalizedText label, Money price, LocalDate earliest,
                            LocalDate latest, boolean pickupPointRequired, Money standardPrice) {
}
