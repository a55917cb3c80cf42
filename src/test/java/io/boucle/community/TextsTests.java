package io.boucle.community;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTests {

    @Test
    void reviewsShowAFirstNameAndAnInitial() {
        assertThat(Texts.publicName("Léa Petit")).isEqualTo("Léa P.");
        assertThat(Texts.publicName("  Jean   de  la Fontaine ")).isEqualTo("Jean F.");
        assertThat(Texts.publicName("Émile Ørsted")).isEqualTo("Émile Ø.");
        assertThat(Texts.publicName("Cher")).isEqualTo("Cher");
        assertThat(Texts.publicName("")).isEmpty();
    }

    @Test
    void controlCharactersGoAndLineBreaksStay() {
        assertThat(Texts.clean(" Bien.\r\nTrès bien.\u0007\u202e ")).isEqualTo("Bien.\nTrès bien.");
        assertThat(Texts.clean("Un\n\n\n\n\nDeux")).isEqualTo("Un\n\nDeux");
        assertThat(Texts.clean(null)).isEmpty();
    }
}
