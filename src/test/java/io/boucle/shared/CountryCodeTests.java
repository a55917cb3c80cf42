package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodeTests {

    @ParameterizedTest
    @CsvSource(ignoreLeadingAndTrailingWhitespace = false, value = {
            "fr,FR",
            "FR,FR",
            "Fr,FR",
            "' de ',DE",
            "GR,GR",
            "gb,GB",
    })
    void acceptsIsoAlpha2CodesAndNormalisesThemToUpperCase(String input, String expected) {
        CountryCode code = CountryCode.of(input);

        assertThat(code.value()).isEqualTo(expected);
        assertThat(code).hasToString(expected);
        assertThat(CountryCode.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EL", "XX", "FRA", "UK", "F", "", "  ", "F R", "250"})
    void rejectsWhatIsNotAnIsoAlpha2Code(String input) {
        assertThatThrownBy(() -> CountryCode.of(input)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CountryCode.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void nullIsNeitherValidNorAccepted(String input) {
        assertThat(CountryCode.isValid(input)).isFalse();
        assertThatThrownBy(() -> CountryCode.of(input)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void codesAreEqualWhateverTheInputCase() {
        assertThat(CountryCode.of("fr")).isEqualTo(CountryCode.FRANCE).hasSameHashCodeAs(CountryCode.FRANCE);
        assertThat(CountryCode.of("de")).isNotEqualTo(CountryCode.FRANCE);
    }

    @ParameterizedTest
    @CsvSource({
            "DE, fr, Allemagne",
            "DE, en, Germany",
            "GR, fr, Grèce",
            "FR, de, Frankreich",
    })
    void displayNameIsInTheRequestedLanguage(String code, String language, String expected) {
        assertThat(CountryCode.of(code).displayName(Locale.of(language))).isEqualTo(expected);
    }
}
