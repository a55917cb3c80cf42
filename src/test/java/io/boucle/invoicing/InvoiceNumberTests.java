package io.boucle.invoicing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvoiceNumberTests {

    @ParameterizedTest(name = "{0} {1} number {2} is {3}")
    @CsvSource({
            "F,   2026, 1,       F2026-000001",
            "F,   2026, 123,     F2026-000123",
            "AV,  2026, 7,       AV2026-000007",
            "F,   2027, 999999,  F2027-999999",
            "F,   2027, 1000000, F2027-1000000",
            "FA-B_2, 2026, 42,   FA-B_22026-000042",
    })
    void isWrittenAsPrefixYearAndSixDigitSequence(String prefix, int year, long sequence, String written) {
        InvoiceNumber number = InvoiceNumber.of(prefix, year, sequence);
        assertThat(number.value()).isEqualTo(written).hasSizeLessThanOrEqualTo(35).matches("[A-Za-z0-9+\\-_/]+");
        assertThat(number.prefix()).isEqualTo(prefix);
        assertThat(number.year()).isEqualTo(year);
        assertThat(InvoiceNumber.parse(written)).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = { "F2026-1", "F2026-0000001", "F2026", "F2026-", "F26-000001", "F 2026-000001", "F.2026-000001",
            "F2026-000000", "F2026-00000A", "" })
    void parsesOnlyNumbersWrittenAsBoucleWritesThem(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> InvoiceNumber.parse(text));
    }

    @Test
    void neverExceedsThirtyFiveCharacters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InvoiceNumber.of("ABCDEFGHIJKLMNOPQRSTUVWXYZABC", 2026, 1))
                .withMessageContaining("35");
        assertThat(InvoiceNumber.of("ABCDEFGHIJKLMNOPQRSTUVW", 2026, 1).value()).hasSize(34);
    }

    @Test
    void sortsBySeriesThenSequence() {
        assertThat(InvoiceNumber.of("F", 2026, 9)).isLessThan(InvoiceNumber.of("F", 2026, 10));
        assertThat(InvoiceNumber.of("F", 2026, 999)).isLessThan(InvoiceNumber.of("F", 2027, 1));
    }
}
