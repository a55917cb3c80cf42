package io.boucle.shared;

import java.util.Locale;
import java.util.Objects;

/** A text the shop shows in French (its first language) and English. */
public record LocalizedText(String fr, String en) {

    public LocalizedText {
        Objects.requireNonNull(fr, "fr");
        en = en == null || en.isBlank() ? fr : en;
    }

    public static LocalizedText of(String fr, String en) {
        return new LocalizedText(fr, en);
    }

    /** The English text for English, the French one for anything else. */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : fr;
    }
}
