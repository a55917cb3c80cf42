package io.boucle.bench.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows for several tables in PostgreSQL's COPY text format, sent table after table in the order the
 * tables were first written to (parents before children).
 */
final class CopyBatch {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, StringBuilder> tables = new LinkedHashMap<>();
    private StringBuilder row;
    private boolean first;

    /** Starts a row of the table, e.g. {@code catalog.brand (id, slug, name)}. */
    CopyBatch row(String table) {
        end();
        row = tables.computeIfAbsent(table, t -> new StringBuilder(1 << 20));
        first = true;
        return this;
    }

    private void end() {
        if (row != null) {
            row.append('\n');
            row = null;
        }
    }

    private StringBuilder next() {
        if (!first) {
            row.append('\t');
        }
        first = false;
        return row;
    }

    CopyBatch text(String value) {
        StringBuilder out = next();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        int special = 0;
        while (special < value.length() && "\\\t\n\r".indexOf(value.charAt(special)) < 0) {
            special++;
        }
        out.append(value, 0, special);
        for (int i = special; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    /** A value known to need no escaping (numbers, codes, UUIDs). */
    CopyBatch raw(Object value) {
        next().append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyBatch num(long value) {
        next().append(value);
        return this;
    }

    CopyBatch cents(long cents) {
        next().append(BigDecimal.valueOf(cents, 2).toPlainString());
        return this;
    }

    CopyBatch uuid(UUID value) {
        return raw(value);
    }

    CopyBatch time(Instant value) {
        return raw(value == null ? null : TIMESTAMP.format(value));
    }

    CopyBatch bool(boolean value) {
        next().append(value ? 't' : 'f');
        return this;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Sends every table's rows, each with one COPY. */
    void send(CopyManager copy) throws SQLException {
        end();
        for (Map.Entry<String, StringBuilder> table : tables.entrySet()) {
            byte[] bytes = table.getValue().toString().getBytes(StandardCharsets.UTF_8);
            CopyIn in = copy.copyIn("COPY " + table.getKey() + " FROM STDIN");
            try {
                int chunk = 1 << 20;
                for (int offset = 0; offset < bytes.length; offset += chunk) {
                    in.writeToCopy(bytes, offset, Math.min(chunk, bytes.length - offset));
                }
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
        tables.clear();
    }
}
