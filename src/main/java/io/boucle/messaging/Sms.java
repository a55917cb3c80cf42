package io.boucle.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text message to send.
 *
 * @param to        the recipient's phone number, international form ({@code +33612345678})
 * @param template  its text is the message {@code sms.<template>} in the recipient's language, with
 *                  {@code arguments} as {@code {0}}, {@code {1}}…
 * @param reference what the message is about, e.g. an order number, to find it in the log
 */
public record Sms(String to, String template, Locale locale, List<Object> arguments, String reference) {

    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public Sms {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(locale, "locale");
        if (to == null || !PHONE.matcher(to).matches()) {
            throw new IllegalArgumentException("to: a phone number in international form, e.g. +33612345678");
        }
        arguments = List.copyOf(arguments);
    }

    /**
     * A phone number as a shopper types it ({@code 06 12 34 56 78}, {@code +33 6 12…}) in international
     * form; French numbers may omit the country code. Empty when it is not a phone number.
     */
    public static java.util.Optional<String> normalise(String typed) {
        if (typed == null) {
            return java.util.Optional.empty();
        }
        String digits = typed.strip().replaceAll("[ .\\-()]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        } else if (digits.matches("0[1-9][0-9]{8}")) {
            digits = "+33" + digits.substring(1);
        }
        return PHONE.matcher(digits).matches() ? java.util.Optional.of(digits) : java.util.Optional.empty();
    }
}
