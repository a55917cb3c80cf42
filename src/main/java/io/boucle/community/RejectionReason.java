package io.boucle.community;

/**
 * Why staff did not publish a review; its author is told (Code de la consommation, D111-17: the
 * reasons a review is turned down are stated, and so are the moderation rules on the product page).
 */
public enum RejectionReason {
    /** Not about the product or the buyer's experience of it (delivery, another product, the shop in general). */
    OFF_TOPIC,
    /** Insults, threats, discrimination, or otherwise unlawful. */
    ABUSIVE,
    /** Names, addresses, phone numbers or other personal data of someone. */
    PERSONAL_DATA,
    /** Advertising, links, or text unrelated to any review. */
    SPAM
}
