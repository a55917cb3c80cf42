package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @ParameterizedTest
    @CsvSource(ignoreLeadingAndTrailingWhitespace = false, value = {
            "' Jean.Dupont@Example.FR ',Jean.Dupont@example.fr",
            "jean@example.fr,jean@example.fr",
            "JEAN@MAIL.EXAMPLE.CO.UK,JEAN@mail.example.co.uk",
            "o'brien+shop@x-y.io,o'brien+shop@x-y.io",
            "'\tme@host.com\n',me@host.com",
            "a@b.cd,a@b.cd",
    })
    void acceptsAndNormalisesTypedAddresses(String input, String expected) {
        EmailAddress email = EmailAddress.of(input);

        assertThat(email.value()).isEqualTo(expected);
        assertThat(email).hasToString(expected);
        assertThat(EmailAddress.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a@b", "a b@c.fr", "@x.fr", "a..b@x.fr", ".a@x.fr", "a.@x.fr", "a@", "a", "",
            "a@x.f", "a@-x.fr", "a@x-.fr", "a@x..fr", "a@x.fr.", "a@x.123", "a@b@x.fr",
            "a\0b@x.fr", "a\tb@x.fr", "jéan@x.fr", "a@exämple.fr", "a@x_y.fr",
    })
    void rejectsMalformedAddresses(String input) {
        assertThatThrownBy(() -> EmailAddress.of(input)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EmailAddress.isValid(input)).isFalse();
    }

    @Test
    void localPartIsLimitedTo64Characters() {
        assertThat(EmailAddress.isValid("a".repeat(64) + "@x.fr")).isTrue();
        assertThat(EmailAddress.isValid("a".repeat(65) + "@x.fr")).isFalse();
    }

    @Test
    void domainLabelIsLimitedTo63Characters() {
        assertThat(EmailAddress.isValid("a@" + "b".repeat(63) + ".fr")).isTrue();
        assertThat(EmailAddress.isValid("a@" + "b".repeat(64) + ".fr")).isFalse();
    }

    @Test
    void wholeAddressIsLimitedTo254Characters() {
        String domain = ("b".repeat(60) + ".").repeat(3) + "c".repeat(5) + ".fr";
        String fits = "a".repeat(254 - 1 - domain.length()) + "@" + domain;
        String tooLong = "a" + fits;

        assertThat(fits).hasSize(254);
        assertThat(EmailAddress.isValid(fits)).isTrue();
        assertThat(EmailAddress.isValid(tooLong)).isFalse();
    }

    @Test
    void nullIsNeitherValidNorAccepted() {
        assertThat(EmailAddress.isValid(null)).isFalse();
        assertThatThrownBy(() -> EmailAddress.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void domainCaseDoesNotMatterButLocalPartCaseDoes() {
        assertThat(EmailAddress.of("Jean@EXAMPLE.fr")).isEqualTo(EmailAddress.of("Jean@example.FR"));
        assertThat(EmailAddress.of("Jean@example.fr")).isNotEqualTo(EmailAddress.of("jean@example.fr"));
    }

    @Test
    void domainIsThePartAfterTheAtSignInLowerCase() {
        assertThat(EmailAddress.of("Jean.Dupont@Mail.Example.FR").domain()).isEqualTo("mail.example.fr");
    }
}
