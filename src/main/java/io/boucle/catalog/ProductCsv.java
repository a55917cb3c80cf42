package io.boucle.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV form of products: one line per variant (a product with three variants has three lines
 * repeating its own columns). Read: UTF-8 (with or without BOM; Windows-1252 when the file is not
 * UTF-8), {@code ;} or {@code ,} between fields (whichever the header line uses), fields quoted
 * with {@code "} when they hold a separator, quote or line break. Written: UTF-8 with BOM and
 * {@code ;}, as spreadsheets in France expect, and read back as is.
 */
public final class ProductCsv {

    /** Every column, in the order written. See docs/catalog.md for what each holds. */
    public static final List<String> COLUMNS = List.of("slug", "sku", "status", "title_fr", "title_en", "description_fr",
            "description_en", "category", "brand", "tax_category", "meta_title", "meta_description", "featured", "option_fr",
            "option_en", "price", "weight_grams", "barcode", "attributes_fr", "attributes_en", "condition", "defects_fr",
            "defects_en", "purchase_price", "seller_type", "copy_of", "stock");

    /** Columns a file must have. */
    public static final List<String> REQUIRED = List.of("sku");

    private ProductCsv() {
    }

    /** A record of the file, and the line it starts on (the header is line 1). */
    public record Row(int line, Map<String, String> values) {

        public boolean has(String column) {
            return values.containsKey(column);
        }

        /** The cell, stripped; {@code current} when the file has no such column. */
        public String get(String column, String current) {
            return values.containsKey(column) ? values.get(column).strip() : current;
        }
    }

    /** A file that cannot be read as CSV at all (no row is imported). */
    public static class Unreadable extends IllegalArgumentException {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** The rows of a file, keyed by the header's (lower-case) column names; blank lines are skipped. */
    public static List<Row> read(byte[] bytes) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = separator(text);
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(text, separator, records, lines);
        if (records.isEmpty()) {
            throw new Unreadable("the file is empty");
        }
        List<String> header = records.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                throw new Unreadable("the header line has no '" + required + "' column (columns: " + String.join(", ", COLUMNS) + ")");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (COLUMNS.contains(header.get(c))) {
                    values.put(header.get(c), c < record.size() ? record.get(c) : "");
                }
            }
            if (record.size() != header.size()) {
                values.put("!fields", record.size() + " fields where the header has " + header.size());
            }
            rows.add(new Row(lines.get(r), values));
        }
        return rows;
    }

    /** A line of the file for these values (in {@link #COLUMNS} order), ended by CRLF. */
    public static String line(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(';');
            }
            String value = values.get(i) == null ? "" : values.get(i);
            if (value.indexOf(';') >= 0 || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' ' || value.endsWith(" ")))) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString();
    }

    public static String header() {
        return "\uFEFF" + line(COLUMNS);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** The separator the header line uses most, outside quotes: {@code ;} unless there are more commas. */
    private static char separator(String text) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return commas > semicolons ? ',' : ';';
    }

    private static void parse(String text, char separator, List<List<String>> records, List<Integer> lines) {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                lines.add(recordLine);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new Unreadable("line " + recordLine + ": a quoted field is never closed");
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
            lines.add(recordLine);
        }
    }
}
