package io.boucle.invoicing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrenchIdentifiersTests {

    @ParameterizedTest(name = "SIREN {0} has the VAT number {1}")
    @CsvSource({
            "732829320,   FR44732829320",
            "'732 829 320', FR44732829320",
            "912345675,   FR65912345675",
            "552032534,   FR27552032534",
            "542107651,   FR13542107651",
            "404833048,   FR83404833048",
            "120027016,   FR85120027016",
    })
    void validSirenGivesTheFrenchVatNumberWithItsKey(String siren, String vatNumber) {
        assertThat(Siren.isValid(siren)).isTrue();
        assertThat(Siren.of(siren).vatNumber()).isEqualTo(vatNumber);
    }

    @ParameterizedTest(name = "SIREN \"{0}\" is refused")
    @ValueSource(strings = { "732829321", "732829302", "123456789", "73282932", "7328293200", "73282932A", "", "000000000",
            "-32829320" })
    void sirenWithAWrongCheckDigitOrShapeIsRefused(String siren) {
        assertThat(Siren.isValid(siren)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Siren.of(siren)).withMessageContaining("SIREN");
    }

    @ParameterizedTest(name = "SIRET {0} is valid")
    @ValueSource(strings = { "73282932000074", "732 829 320 00074", "91234567500017",
            // La Poste: its head office passes Luhn, its other establishments have a digit sum multiple of 5.
            "35600000000048", "35600000000015" })
    void validSiretIsAccepted(String siret) {
        assertThat(Siret.isValid(siret)).isTrue();
    }

    @ParameterizedTest(name = "SIRET \"{0}\" is refused")
    @ValueSource(strings = { "73282932000075", "91234567500018", "35600000000002", "7328293200007", "732829320000740",
            "7328293200007A" })
    void siretWithAWrongCheckDigitOrShapeIsRefused(String siret) {
        assertThat(Siret.isValid(siret)).isFalse();
    }

    @ParameterizedTest(name = "the La Poste rule does not apply to SIREN {0}")
    @ValueSource(strings = { "73282932000004", "73282932000013" })
    void digitSumRuleIsOnlyForLaPoste(String siret) {
        assertThat(siret.chars().map(c -> c - '0').sum() % 5).as("digit sum multiple of 5").isZero();
        assertThat(Siret.isValid(siret)).isFalse();
    }

    @Test
    void siretKnowsItsSirenAndIsPrintedInGroups() {
        Siret siret = Siret.of("73282932000074");
        assertThat(siret.siren()).isEqualTo(Siren.of("732829320"));
        assertThat(siret.formatted()).isEqualTo("732 829 320 00074");
        assertThat(Siren.of("732829320").formatted()).isEqualTo("732 829 320");
    }
}
