package io.boucle.invoicing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One hash chain over every issued document, invoices and credit notes together, in the order they were
 * issued: each document's hash is {@code SHA-256(previous hash + "\n" + canonical text)} in lower-case hex,
 * the first document's previous hash being 64 zeros. Changing, removing or inserting any document after
 * the fact breaks a link, which is how issued documents stay provably unchanged: the integrity of an
 * invoice's content must be ensured from its issue to the end of its retention (CGI art. 289 VII), ten
 * years for the documents supporting the accounts (Code de commerce art. L123-22).
 *
 * <p>The head (the last position and hash) is one row, locked by every issue until it commits. That lock
 * also serialises issuing, so each check of earlier documents made after taking it (one invoice per order,
 * never more credited of a line than it was invoiced) sees everything committed before.
 */
@Component
class HashChain {

    static final String GENESIS = "0".repeat(64);

    record Head(long position, String hash) {
    }

    private final JdbcClient jdbc;

    HashChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The head, locked until the transaction ends. */
    Head lock() {
        return jdbc.sql("SELECT position, hash FROM invoicing.chain_head FOR UPDATE")
                .query((row, n) -> new Head(row.getLong("position"), row.getString("hash")))
                .single();
    }

    Head head() {
        return jdbc.sql("SELECT position, hash FROM invoicing.chain_head")
                .query((row, n) -> new Head(row.getLong("position"), row.getString("hash")))
                .single();
    }

    void advance(Head head) {
        jdbc.sql("UPDATE invoicing.chain_head SET position = :position, hash = :hash")
                .param("position", head.position())
                .param("hash", head.hash())
                .update();
    }

    static String link(String previousHash, String canonicalText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(canonicalText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
