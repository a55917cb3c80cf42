package io.boucle.community;

import java.util.regex.Pattern;

/** What is kept of the text a shopper typed: no control characters but line breaks, no blanks around. */
final class Texts {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]|[\\p{Cf}&&[^\\u200d]]");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private Texts() {
    }

    static String clean(String typed) {
        if (typed == null) {
            return "";
        }
        String text = CONTROL.matcher(typed.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /** "Léa Petit" → "Léa P.": reviews show a first name and an initial, not the customer's full name. */
    static String publicName(String name) {
        String clean = clean(name).replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            return "";
        }
        int space = clean.indexOf(' ');
        if (space < 0) {
            return clean;
        }
        String last = clean.substring(clean.lastIndexOf(' ') + 1);
        return clean.substring(0, space) + " " + last.codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".";
    }
}
