package io.boucle.payment.testprovider;

import java.util.Map;
import java.util.Optional;

import io.boucle.payment.provider.CardDetails;

/** What the test provider does with each test token and test card number. */
final class TestCards {

    enum Behaviour {
        /** Authorised without a challenge. */
        FRICTIONLESS(null),
        /** The issuer asks for a 3-D Secure challenge. */
        CHALLENGE(null),
        /** Authorised without a challenge, but every refund of it fails (the card was cancelled since). */
        REFUND_FAILS(null),
        DECLINED("card_declined"),
        INSUFFICIENT_FUNDS("insufficient_funds"),
        INCORRECT_NUMBER("incorrect_number");

        final String declineCode;

        Behaviour(String declineCode) {
            this.declineCode = declineCode;
        }
    }

    record TestCard(Behaviour behaviour, CardDetails card) {
    }

    /** The last four digits of the test card whose refunds fail. */
    static final String REFUND_FAILS_LAST4 = "5126";

    /** Why the test card's refunds fail, as a provider says it. */
    static final String REFUND_FAILURE = "expired_or_canceled_card";

    static final Map<String, TestCard> TOKENS = Map.of(
            "tok_visa", new TestCard(Behaviour.FRICTIONLESS, new CardDetails("visa", "4242")),
            "tok_3ds", new TestCard(Behaviour.CHALLENGE, new CardDetails("visa", "3184")),
            "tok_refund_fails", new TestCard(Behaviour.REFUND_FAILS, new CardDetails("visa", REFUND_FAILS_LAST4)),
            "tok_declined", new TestCard(Behaviour.DECLINED, new CardDetails("visa", "0002")),
            "tok_insufficient_funds", new TestCard(Behaviour.INSUFFICIENT_FUNDS, new CardDetails("visa", "9995")));

    private static final Map<String, Behaviour> NUMBERS = Map.of(
            "4242424242424242", Behaviour.FRICTIONLESS,
            "4000002760003184", Behaviour.CHALLENGE,
            "4000000000000002", Behaviour.DECLINED,
            "4000000000009995", Behaviour.INSUFFICIENT_FUNDS,
            "4000000000005126", Behaviour.REFUND_FAILS);

    private TestCards() {
    }

    /** Whether refunds of a payment made with this card fail. */
    static boolean refundFails(CardDetails card) {
        return card != null && REFUND_FAILS_LAST4.equals(card.last4());
    }

    static Optional<TestCard> forToken(String token) {
        return Optional.ofNullable(token == null ? null : TOKENS.get(token));
    }

    /**
     * What a number typed on the hosted page does. Only the brand and last four digits come out of here.
     *
     * @param digits the number without spaces; must hold at least one digit
     */
    static TestCard forNumber(String digits) {
        Behaviour behaviour = NUMBERS.getOrDefault(digits, Behaviour.INCORRECT_NUMBER);
        return new TestCard(behaviour, digits.length() >= 4 ? new CardDetails(brand(digits), digits.substring(digits.length() - 4)) : null);
    }

    /** The card's digits without the spaces and dashes people type, or empty when anything else is in it. */
    static Optional<String> digits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s-]", "");
        return digits.matches("[0-9]{1,19}") ? Optional.of(digits) : Optional.empty();
    }

    static String brand(String digits) {
        if (digits.startsWith("4")) {
            return "visa";
        }
        if (digits.matches("5[1-5].*") || digits.matches("2[2-7].*")) {
            return "mastercard";
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return "amex";
        }
        return "unknown";
    }
}
