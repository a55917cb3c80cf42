package io.boucle.returns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Code 39 barcode printed on return slips for the warehouse. */
class ReturnSlipsTests {

    /** Start/stop, then characters as published with a 2:1 ratio, each followed by a narrow space. */
    static final String STAR = "100101101101";
    static final String ZERO = "101001101101";
    static final String ONE = "110100101011";

    @Test
    void encodesCharactersAsTheCode39TableFramedByStartAndStop() {
        assertThat(ReturnSlips.code39("01", 2)).isEqualTo(STAR + "0" + ZERO + "0" + ONE + "0" + STAR);
    }

    @Test
    void aReturnNumberIsSixteenUnitsPerCharacterWithWideBarsThreeUnitsWide() {
        String modules = ReturnSlips.code39("R2026-000123", 3);
        // 14 characters with the start and stop: 6 narrow + 3 wide (3 units) + 1 gap, the last without its gap
        assertThat(modules).hasSize(14 * 16 - 1).startsWith("1000101110111010").endsWith("100010111011101");
        assertThat(modules).matches("[01]+");
    }

    @Test
    void refusesCharactersCode39DoesNotHave() {
        assertThatThrownBy(() -> ReturnSlips.code39("R2026_1", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReturnSlips.code39("A*B", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
