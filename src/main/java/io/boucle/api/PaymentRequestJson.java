package io.boucle.api;

import io.boucle.payment.PaymentMethod;
import io.boucle.shared.InvalidField;

/**
 * How a client asks to pay: {@code {"method": "card", "token": "tok_visa"}} (a card without a token
 * goes to the provider's hosted page), {@code {"method": "wallet"}}, {@code {"method": "instalments",
 * "count": 3}}, {@code {"method": "giftcard", "code": "..."}}.
 */
record PaymentRequestJson(String method, String token, Integer count, String code) {

    static PaymentMethod method(PaymentRequestJson payment) {
        if (payment == null || payment.method() == null) {
            throw new InvalidField("payment.method", "is required: card, wallet, instalments or giftcard");
        }
        return switch (payment.method()) {
            case "card" -> payment.token() == null ? new PaymentMethod.HostedCard() : new PaymentMethod.Card(payment.token());
            case "wallet" -> new PaymentMethod.Wallet();
            case "instalments" -> {
                if (payment.count() == null) {
                    throw new InvalidField("payment.count", "is required for instalments (3 or 4)");
                }
                yield new PaymentMethod.Instalments(payment.count());
            }
            case "giftcard" -> {
                if (payment.code() == null || payment.code().isBlank()) {
                    throw new InvalidField("payment.code", "is required for a gift card");
                }
                yield new PaymentMethod.GiftCard(payment.code().strip());
            }
            default -> throw new InvalidField("payment.method", "'" + payment.method()
                    + "' is not one of card, wallet, instalments, giftcard");
        };
    }
}
