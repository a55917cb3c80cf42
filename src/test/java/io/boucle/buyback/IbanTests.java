package io.boucle.buyback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IbanTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FR76 3000 6000 0112 3456 7890 189 | FR7630006000011234567890189
            fr7630006000011234567890189       | FR7630006000011234567890189
            DE89 3704 0044 0532 0130 00       | DE89370400440532013000
            BE68-5390-0754-7034               | BE68539007547034
            GB82 WEST 1234 5698 7654 32       | GB82WEST12345698765432
            NL91 ABNA 0417 1643 00            | NL91ABNA0417164300
            """)
    void acceptsValidIbansAsTyped(String typed, String electronic) {
        assertThat(Iban.parse(typed)).hasValueSatisfying(iban -> assertThat(iban.value()).isEqualTo(electronic));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            FR76 3000 6000 0112 3456 7890 188 | wrong check digits (mod 97)
            FR77 3000 6000 0112 3456 7890 189 | wrong key
            FR76 3000 6000 0112 3456 7890 18  | too short for France
            DE89 3704 0044 0532 0130 000      | too long for Germany
            US12 3456 7890 1234 5678          | no IBAN in that country
            FR76 3000 6000 0112 3456 7890 1@9 | a character outside the alphabet
            ''                                | empty
            null                              | missing
            """)
    void refusesInvalidIbans(String typed, String why) {
        assertThat(Iban.parse(typed)).as(why).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FR7630006000011234567890189 | FR76 3000 6000 0112 3456 7890 189 | FR76 **** 0189
            DE89370400440532013000      | DE89 3704 0044 0532 0130 00       | DE89 **** 3000
            """)
    void printsGroupedAndMasked(String electronic, String grouped, String masked) {
        Iban iban = new Iban(electronic);
        assertThat(iban.formatted()).isEqualTo(grouped);
        assertThat(iban.masked()).isEqualTo(masked);
    }
}
