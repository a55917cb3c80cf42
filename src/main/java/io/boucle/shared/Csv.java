package io.boucle.shared;

import java.util.Arrays;
import java.util.List;

/**
 * Writes CSV as RFC 4180 says (comma, CRLF, fields with a comma, quote or line break quoted), with
 * a byte order mark so spreadsheet programs read UTF-8. A text field starting with {@code = + - @},
 * a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet never runs it as a
 * formula (OWASP "CSV injection"); numbers are written as they are.
 */
public final class Csv {

    private static final char BOM = '\uFEFF';

    private final StringBuilder text = new StringBuilder().append(BOM);

    public Csv(String... header) {
        row((Object[]) header);
    }

    public Csv row(Object... fields) {
        return row(Arrays.asList(fields));
    }

    public Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            return number instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : number.toString();
        }
        String field = value.toString();
        if (!field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0) {
            field = "'" + field;
        }
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
