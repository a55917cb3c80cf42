package io.boucle.payment.testprovider;

import io.boucle.payment.provider.CardDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TestCardsTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "4242 4242 4242 4242, FRICTIONLESS, visa, 4242",
            "4000 0027 6000 3184, CHALLENGE, visa, 3184",
            "4000-0000-0000-0002, DECLINED, visa, 0002",
            "4000000000009995, INSUFFICIENT_FUNDS, visa, 9995",
            "4000 0000 0000 5126, REFUND_FAILS, visa, 5126",
            "5555 5555 5555 4444, INCORRECT_NUMBER, mastercard, 4444",
            "4242 4242 4242 4241, INCORRECT_NUMBER, visa, 4241",
            "378282246310005, INCORRECT_NUMBER, amex, 0005"})
    void mapsTestCardNumbersToBehaviourBrandAndLastFourOnly(String typed, TestCards.Behaviour behaviour, String brand, String last4) {
        TestCards.TestCard card = TestCards.forNumber(TestCards.digits(typed).orElseThrow());

        assertThat(card.behaviour()).isEqualTo(behaviour);
        assertThat(card.card()).isEqualTo(new CardDetails(brand, last4));
    }

    @Test
    void aNumberTooShortForLastFourDigitsIsIncorrectWithoutCardDetails() {
        TestCards.TestCard card = TestCards.forNumber("123");

        assertThat(card.behaviour()).isEqualTo(TestCards.Behaviour.INCORRECT_NUMBER);
        assertThat(card.card()).isNull();
    }

    @Test
    void readsOnlyDigitsSpacesAndDashes() {
        assertThat(TestCards.digits(" 4242 4242-4242 4242 ")).contains("4242424242424242");
        assertThat(TestCards.digits("4242 abcd")).isEmpty();
        assertThat(TestCards.digits("")).isEmpty();
        assertThat(TestCards.digits(null)).isEmpty();
    }

    @Test
    void declinesCarryTheProvidersCodes() {
        assertThat(TestCards.Behaviour.DECLINED.declineCode).isEqualTo("card_declined");
        assertThat(TestCards.Behaviour.INSUFFICIENT_FUNDS.declineCode).isEqualTo("insufficient_funds");
        assertThat(TestCards.Behaviour.INCORRECT_NUMBER.declineCode).isEqualTo("incorrect_number");
        assertThat(TestCards.forToken("tok_3ds").orElseThrow().behaviour()).isEqualTo(TestCards.Behaviour.CHALLENGE);
        assertThat(TestCards.forToken("tok_unknown")).isEmpty();
        assertThat(TestCards.refundFails(TestCards.forToken("tok_refund_fails").orElseThrow().card())).isTrue();
        assertThat(TestCards.refundFails(TestCards.forToken("tok_visa").orElseThrow().card())).isFalse();
    }
}
