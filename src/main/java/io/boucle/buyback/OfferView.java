package io.boucle.buyback;

import java.time.Instant;
import java.util.Optional;

import io.boucle.catalog.Condition;
import io.boucle.customer.CustomerId;
import io.boucle.shared.Money;

/**
 * A buy-back offer as its customer and the staff see it. The seller's identity document and full IBAN
 * are not in it: they are in the register and the payout, for the staff who need them.
 *
 * @param quote      the indicative quote from the grid; empty when the grid has no row for the item
 * @param finalOffer the price the shop offers after inspection
 */
public record OfferView(OfferReference reference, OfferStatus status, CustomerId customerId, String categorySlug,
                        String brand, String description, Condition declaredCondition, int purchaseYear,
                        Optional<Money> quote, HandOver handOver, Instant createdAt, Instant receivedAt,
                        Condition gradedCondition, String inspectionNotes, Optional<Money> finalOffer, Instant offeredAt,
                        Instant decidedAt, Instant returnedAt, String productSlug, int photos, Optional<PayoutView> payout,
                        Optional<Long> registerNumber) {

    /** What the seller is paid. {@code ibanMasked} shows only the country and last four characters. */
    public record PayoutView(PayoutMethod method, Money price, Money bonus, Money credited, String giftCard,
                             String ibanMasked, String status) {

        /** The gift card's last four characters: the whole code spends the credit, so only its owner sees it. */
        public String giftCardMasked() {
            return giftCard == null ? null : "…" + giftCard.substring(giftCard.length() - 4);
        }
    }

    /** The purchase price recorded for margin-scheme VAT: the final offer the customer accepted. */
    public Optional<Money> purchasePrice() {
        return status == OfferStatus.ACCEPTED || status == OfferStatus.RELISTED ? finalOffer : Optional.empty();
    }
}
