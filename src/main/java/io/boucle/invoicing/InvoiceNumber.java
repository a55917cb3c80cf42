package io.boucle.invoicing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The number of an issued invoice or credit note: its series (the prefix and the year of issue, e.g.
 * {@code F2026}) and its place in that series, written {@code F2026-000123}.
 *
 * <p>Each series is one continuous chronological sequence from 1, without gaps or duplicates (CGI ann. II
 * art. 242 nonies A I 7°: "un numéro unique basé sur une séquence chronologique et continue", in distinct
 * series where the business justifies them, each used as first intended); numbers are written with at
 * least six digits so that they also sort as text. A number has at most 35 characters
 * from {@code A-Z a-z 0-9 + - _ /}, as French e-invoicing (BR-FR) requires of invoice numbers (BT-1).
 */
public record InvoiceNumber(String series, long sequence) implements Comparable<InvoiceNumber> {

    private static final Pattern SERIES = Pattern.compile("[A-Za-z0-9+_/-]*\\d{4}");
    private static final int MAXIMUM_LENGTH = 35;

    public InvoiceNumber {
        Objects.requireNonNull(series, "series");
        if (!SERIES.matcher(series).matches()) {
            throw new IllegalArgumentException("a series is a prefix then a year, e.g. F2026: " + series);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("numbers start at 1: " + sequence);
        }
        if (format(series, sequence).length() > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("an invoice number has at most " + MAXIMUM_LENGTH + " characters: "
                    + format(series, sequence));
        }
    }

    public static InvoiceNumber of(String prefix, int year, long sequence) {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("a year has four digits: " + year);
        }
        return new InvoiceNumber(prefix + year, sequence);
    }

    /** Reads a number written as this type writes it, e.g. {@code F2026-000123}; anything else is refused. */
    public static InvoiceNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        int dash = text.lastIndexOf('-');
        if (dash < 1 || dash == text.length() - 1 || !text.substring(dash + 1).chars().allMatch(Character::isDigit)
                || text.length() - dash - 1 > 18) {
            throw new IllegalArgumentException("not an invoice number: " + text);
        }
        InvoiceNumber number = new InvoiceNumber(text.substring(0, dash), Long.parseLong(text.substring(dash + 1)));
        if (!number.value().equals(text)) {
            throw new IllegalArgumentException("not an invoice number as Boucle writes it: " + text + " (" + number + "?)");
        }
        return number;
    }

    public String prefix() {
        return series.substring(0, series.length() - 4);
    }

    public int year() {
        return Integer.parseInt(series.substring(series.length() - 4));
    }

    public String value() {
        return format(series, sequence);
    }

    @Override
    public int compareTo(InvoiceNumber other) {
        int bySeries = series.compareTo(other.series);
        return bySeries != 0 ? bySeries : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return value();
    }

    private static String format(String series, long sequence) {
        return "%s-%06d".formatted(series, sequence);
    }
}
