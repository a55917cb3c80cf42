package io.boucle.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES_PER_ADDRESS} failed sign-ins for one
 * typed address, or {@value #MAX_FAILURES_PER_CLIENT} from one client address, within
 * {@link #WINDOW}, sign-in is refused for {@link #BLOCK} without checking any password. The counts
 * live in PostgreSQL, so every node sees the same. An address without an account is counted like
 * any other, so the answer never tells whether it has one.
 */
@Component
class SignInThrottle {

    static final int MAX_FAILURES_PER_ADDRESS = 5;
    static final int MAX_FAILURES_PER_CLIENT = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration BLOCK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** When sign-in is refused until, if it is now. */
    Optional<Instant> blockedUntil(String email, String client) {
        return jdbc.sql("""
                        SELECT max(blocked_until) FROM customer.sign_in_throttle
                        WHERE subject IN (:address, :client) AND blocked_until > :now
                        """)
                .param("address", addressSubject(email)).param("client", clientSubject(client))
                .param("now", Timestamp.from(Instant.now(clock)))
                .query((row, n) -> row.getTimestamp(1)).optional().map(Timestamp::toInstant);
    }

    void failed(String email, String client) {
        Instant now = Instant.now(clock);
        count(addressSubject(email), MAX_FAILURES_PER_ADDRESS, now);
        count(clientSubject(client), MAX_FAILURES_PER_CLIENT, now);
        // Counts from past windows mean nothing any more.
        jdbc.sql("""
                DELETE FROM customer.sign_in_throttle
                WHERE window_start < :stale AND (blocked_until IS NULL OR blocked_until < :now)
                """)
                .param("stale", Timestamp.from(now.minus(WINDOW))).param("now", Timestamp.from(now)).update();
    }

    /** The right password starts the address's count again (not the client's: it may try many addresses). */
    void succeeded(String email) {
        jdbc.sql("DELETE FROM customer.sign_in_throttle WHERE subject = :subject")
                .param("subject", addressSubject(email)).update();
    }

    private void count(String subject, int max, Instant now) {
        jdbc.sql("""
                INSERT INTO customer.sign_in_throttle AS t (subject, failures, window_start, blocked_until)
                VALUES (:subject, 1, :now, CASE WHEN 1 >= :max THEN CAST(:until AS TIMESTAMPTZ) END)
                ON CONFLICT (subject) DO UPDATE SET
                    failures = CASE WHEN t.window_start < :windowStart THEN 1 ELSE t.failures + 1 END,
                    window_start = CASE WHEN t.window_start < :windowStart THEN :now ELSE t.window_start END,
                    blocked_until = CASE WHEN (CASE WHEN t.window_start < :windowStart THEN 1 ELSE t.failures + 1 END) >= :max
                                         THEN CAST(:until AS TIMESTAMPTZ) ELSE t.blocked_until END
                """)
                .param("subject", subject).param("now", Timestamp.from(now)).param("max", max)
                .param("until", Timestamp.from(now.plus(BLOCK))).param("windowStart", Timestamp.from(now.minus(WINDOW)))
                .update();
    }

    static String addressSubject(String email) {
        return digest("address:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT)));
    }

    static String clientSubject(String client) {
        return digest("client:" + (client == null ? "" : client));
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
