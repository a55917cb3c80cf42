package io.boucle.payment;

import java.time.Instant;
import java.util.List;

import io.boucle.shared.Money;

/**
 * A payment as it stands.
 *
 * @param redirectUrl where the shopper must go when {@code status} is {@code REQUIRES_ACTION}, else null
 * @param declineCode the provider's reason when {@code status} is {@code FAILED} (e.g. {@code card_declined})
 * @param schedule    the instalments, empty for a one-off payment
 */
public record PaymentView(PaymentId id, String reference, String provider, String method, PaymentStatus status,
                          Money amount, Money refunded, String declineCode, String redirectUrl, String cardBrand,
                          String cardLast4, boolean challenged, List<Instalment> schedule, Instant createdAt) {
}
