package io.boucle.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. Every password check is counted before the password is hashed, in
 * one statement that also says whether the count is over the limit, so parallel attempts cannot all
 * slip through before the first of them fails: at most {@value #MAX_FAILURES_PER_ACCOUNT} checks for
 * one account (or one typed address without an account), and {@value #MAX_FAILURES_PER_CLIENT} from
 * one client address, within {@link #WINDOW}; the next ones are refused for {@link #BLOCK} without
 * checking any password. A right password takes its attempt back (and starts the account's count
 * again), so the counts are of failures and of checks still running. Sign-ups are counted per client
 * address too, {@value #MAX_SIGN_UPS_PER_CLIENT} an hour, as each one tells whether an address has an
 * account. The counts live in PostgreSQL, so every node sees the same; an address without an account
 * is counted like one with, so the answer never tells whether it has one.
 */
@Component
class SignInThrottle {

    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_CLIENT = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration BLOCK = Duration.ofMinutes(15);
    static final int MAX_SIGN_UPS_PER_CLIENT = 20;
    static final Duration SIGN_UP_WINDOW = Duration.ofHours(1);
    /** Counts older than the longest window mean nothing any more. */
    private static final Duration LONGEST_WINDOW = SIGN_UP_WINDOW;

    /** One count: whose it is (a digest), how many attempts it allows within its window, how long it then refuses. */
    record Counter(String subject, int max, Duration window, Duration block) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Password checks for one account, whatever case its address was typed in, and whichever form asks. */
    static Counter account(CustomerId id) {
        return new Counter(digest("account:" + id), MAX_FAILURES_PER_ACCOUNT, WINDOW, BLOCK);
    }

    /** Sign-ins for an address without an account, as PostgreSQL lower-cases it (the accounts' lookup does the same). */
    static Counter address(String lowerCased) {
        return new Counter(digest("address:" + (lowerCased == null ? "" : lowerCased)), MAX_FAILURES_PER_ACCOUNT, WINDOW, BLOCK);
    }

    /** Sign-ins from one client address, whichever addresses it tries. */
    static Counter client(String client) {
        return new Counter(digest("client:" + (client == null ? "" : client)), MAX_FAILURES_PER_CLIENT, WINDOW, BLOCK);
    }

    /** Sign-ups from one client address. */
    static Counter signUps(String client) {
        return new Counter(digest("sign-up:" + (client == null ? "" : client)), MAX_SIGN_UPS_PER_CLIENT, SIGN_UP_WINDOW,
                SIGN_UP_WINDOW);
    }

    /**
     * Counts one attempt on each counter, in order, before the attempt is made. When a counter is
     * over its limit, the attempt is refused and the counters before it take it back.
     *
     * @throws SignInThrottled when a counter is over its limit, with the time it refuses until
     */
    void reserve(Counter... counters) {
        Instant now = Instant.now(clock);
        for (int i = 0; i < counters.length; i++) {
            Counted counted = count(counters[i], now);
            if (counted.attempts() > counters[i].max()) {
                for (int j = 0; j < i; j++) {
                    forgive(counters[j]);
                }
                throw new SignInThrottled(counted.blockedUntil() == null ? now.plus(counters[i].block()) : counted.blockedUntil());
            }
        }
        jdbc.sql("""
                DELETE FROM customer.sign_in_throttle
                WHERE window_start < :stale AND (blocked_until IS NULL OR blocked_until < :now)
                """)
                .param("stale", Timestamp.from(now.minus(LONGEST_WINDOW))).param("now", Timestamp.from(now)).update();
    }

    /** Takes an attempt back: it succeeded, or no password was checked after all. */
    void forgive(Counter counter) {
        jdbc.sql("""
                UPDATE customer.sign_in_throttle
                SET failures = greatest(failures - 1, 0),
                    blocked_until = CASE WHEN failures - 1 < :max THEN NULL ELSE blocked_until END
                WHERE subject = :subject
                """)
                .param("subject", counter.subject()).param("max", counter.max()).update();
    }

    /** The right password for an account starts its count again. */
    void reset(Counter counter) {
        jdbc.sql("DELETE FROM customer.sign_in_throttle WHERE subject = :subject").param("subject", counter.subject()).update();
    }

    private record Counted(int attempts, Instant blockedUntil) {
    }

    /**
     * Adds the attempt and answers the count with it. A count whose window has passed starts again
     * (not while it refuses); the attempt that reaches the limit sets the time it refuses until, and
     * the ones refused are counted too, so the answer alone tells whether this attempt may go on.
     */
    private Counted count(Counter counter, Instant now) {
        return jdbc.sql("""
                        INSERT INTO customer.sign_in_throttle AS t (subject, failures, window_start, blocked_until)
                        VALUES (:subject, 1, :now, CASE WHEN 1 >= :max THEN CAST(:until AS TIMESTAMPTZ) END)
                        ON CONFLICT (subject) DO UPDATE SET
                            failures = CASE WHEN t.window_start < :windowStart AND (t.blocked_until IS NULL OR t.blocked_until <= :now)
                                            THEN 1 ELSE t.failures + 1 END,
                            window_start = CASE WHEN t.window_start < :windowStart AND (t.blocked_until IS NULL OR t.blocked_until <= :now)
                                                THEN :now ELSE t.window_start END,
                            blocked_until = CASE
                                WHEN t.window_start < :windowStart AND (t.blocked_until IS NULL OR t.blocked_until <= :now)
                                    THEN CASE WHEN 1 >= :max THEN CAST(:until AS TIMESTAMPTZ) END
                                WHEN t.blocked_until > :now THEN t.blocked_until
                                WHEN t.failures + 1 >= :max THEN CAST(:until AS TIMESTAMPTZ)
                                END
                        RETURNING failures, blocked_until
                        """)
                .param("subject", counter.subject()).param("now", Timestamp.from(now)).param("max", counter.max())
                .param("until", Timestamp.from(now.plus(counter.block())))
                .param("windowStart", Timestamp.from(now.minus(counter.window())))
                .query((row, n) -> new Counted(row.getInt("failures"),
                        row.getTimestamp("blocked_until") == null ? null : row.getTimestamp("blocked_until").toInstant()))
                .single();
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
