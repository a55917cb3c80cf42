package io.boucle.payment;

import java.util.EnumSet;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentStateTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PROCESSING, REQUIRES_ACTION",
            "PROCESSING, CAPTURED",
            "PROCESSING, FAILED",
            "PROCESSING, CANCELLED",
            "REQUIRES_ACTION, CAPTURED",
            "REQUIRES_ACTION, FAILED",
            "REQUIRES_ACTION, CANCELLED",
            "CAPTURED, PARTIALLY_REFUNDED",
            "CAPTURED, REFUNDED",
            "PARTIALLY_REFUNDED, PARTIALLY_REFUNDED",
            "PARTIALLY_REFUNDED, REFUNDED"})
    void allowsTheTransitionsOfAPayment(PaymentStatus from, PaymentStatus to) {
        assertThat(PaymentState.allows(from, to)).isTrue();
        assertThatCode(() -> PaymentState.check(from, to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1} refused")
    @CsvSource({
            "FAILED, CAPTURED",
            "CANCELLED, CAPTURED",
            "CAPTURED, FAILED",
            "CAPTURED, CANCELLED",
            "CAPTURED, REQUIRES_ACTION",
            "REQUIRES_ACTION, REFUNDED",
            "REQUIRES_ACTION, PARTIALLY_REFUNDED",
            "PROCESSING, REFUNDED",
            "REFUNDED, CAPTURED",
            "REFUNDED, PARTIALLY_REFUNDED",
            "FAILED, REFUNDED",
            "PARTIALLY_REFUNDED, CAPTURED",
            "CAPTURED, PROCESSING"})
    void refusesEveryOtherTransition(PaymentStatus from, PaymentStatus to) {
        assertThat(PaymentState.allows(from, to)).isFalse();
        assertThatThrownBy(() -> PaymentState.check(from, to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(from.name()).hasMessageContaining(to.name());
    }

    @Test
    void aPaymentIsCapturedOnlyFromProcessingOrWaitingForTheShopper() {
        assertThat(PaymentState.sourcesOf(PaymentStatus.CAPTURED))
                .isEqualTo(EnumSet.of(PaymentStatus.PROCESSING, PaymentStatus.REQUIRES_ACTION));
        assertThat(PaymentState.sourcesOf(PaymentStatus.REFUNDED))
                .isEqualTo(EnumSet.of(PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED));
    }

    @ParameterizedTest(name = "{1} refunded of {0} -> {2}")
    @CsvSource({
            "100.00, 0.01, PARTIALLY_REFUNDED",
            "100.00, 99.99, PARTIALLY_REFUNDED",
            "100.00, 100.00, REFUNDED",
            "0.01, 0.01, REFUNDED"})
    void refundsLeaveAPaymentPartlyOrWhollyRefunded(String captured, String refunded, PaymentStatus expected) {
        assertThat(PaymentState.afterRefunds(Money.euros(captured), Money.euros(refunded))).isEqualTo(expected);
    }

    @Test
    void refundsNeverExceedTheCapturedAmount() {
        assertThatThrownBy(() -> PaymentState.afterRefunds(Money.euros("100.00"), Money.euros("100.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentState.afterRefunds(Money.euros("100.00"), Money.euros("0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
