package io.boucle.payment;

/** How the shopper pays. Card data never reaches Boucle: a card is a provider's token or the provider's hosted page. */
public sealed interface PaymentMethod {

    /** A card already tokenised by the provider (API clients, e.g. {@code tok_visa}). */
    record Card(String token) implements PaymentMethod {
    }

    /** The shopper types the card on the provider's hosted page. */
    record HostedCard() implements PaymentMethod {
    }

    record Wallet() implements PaymentMethod {
    }

    record Instalments(int count) implements PaymentMethod {
    }

    record GiftCard(String code) implements PaymentMethod {
    }
}
