package io.boucle.community;

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
 * Keeps one client address from flooding the staff's queue: at most {@value #MAX_PER_CLIENT}
 * questions per {@link #WINDOW}. Counts live in PostgreSQL, so every node sees the same; addresses
 * are kept hashed, and only for the window.
 */
@Component
class QuestionThrottle {

    static final int MAX_PER_CLIENT = 5;
    static final Duration WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    QuestionThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one more question from the client, in the caller's transaction.
     *
     * @throws QuestionsThrottled when the client already asked its share in this window
     */
    void count(String client) {
        Instant now = Instant.now(clock);
        Timestamp windowStart = Timestamp.from(now.minus(WINDOW));
        jdbc.sql("DELETE FROM community.question_throttle WHERE window_start < :windowStart")
                .param("windowStart", windowStart).update();
        int asked = jdbc.sql("""
                        INSERT INTO community.question_throttle AS t (subject, asked, window_start) VALUES (:subject, 1, :now)
                        ON CONFLICT (subject) DO UPDATE SET asked = t.asked + 1
                        RETURNING asked
                        """)
                .param("subject", subject(client)).param("now", Timestamp.from(now))
                .query(Integer.class).single();
        if (asked > MAX_PER_CLIENT) {
            throw new QuestionsThrottled();
        }
    }

    private static String subject(String client) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("client:" + (client == null ? "" : client)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
