package io.boucle.staff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password sign-in of staff: Argon2id hashes, and an account locked for a while after
 * {@value #MAX_FAILURES} wrong passwords in a row so passwords cannot be guessed online.
 * <p>
 * Each sign-in is counted as a failure before its password is checked, in the statement that reads
 * the account, and a right password takes it back. So attempts made in parallel cannot all be
 * checked before the first of them fails: at most {@value #MAX_FAILURES} passwords are checked,
 * however many arrive at once, and the account is then locked for {@link #LOCK_DURATION}.
 */
@Component
class StaffSignIn implements UserDetailsService {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffSignIn(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The account, its attempt counted. A lock that has ended starts the count again; the attempt
     * that reaches the limit locks the account for the attempts after it, and may still go on.
     */
    @Override
    @Transactional
    public UserDetails loadUserByUsername(String email) {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                WITH before AS (
                    SELECT id, locked_until > :now AS locked FROM staff.account WHERE lower(email) = lower(:email) FOR UPDATE)
                UPDATE staff.account a SET
                    failed_logins = CASE WHEN a.locked_until <= :now THEN 1 ELSE a.failed_logins + 1 END,
                    locked_until = CASE
                        WHEN a.locked_until > :now THEN a.locked_until
                        WHEN (CASE WHEN a.locked_until <= :now THEN 1 ELSE a.failed_logins + 1 END) >= :max THEN :until
                        END
                FROM before WHERE a.id = before.id
                RETURNING a.email, a.password_hash, array_to_string(a.roles, ',') AS roles, a.enabled, a.failed_logins,
                          coalesce(before.locked, FALSE) AS was_locked
                """)
                // Exactly as typed (the form trims spaces): the count matches the same string,
                // so no variant of an address escapes the lock-out.
                .param("email", email)
                .param("now", Timestamp.from(now))
                .param("max", MAX_FAILURES)
                .param("until", Timestamp.from(now.plus(LOCK_DURATION)))
                .query((row, n) -> User.withUsername(row.getString("email"))
                        .password(row.getString("password_hash"))
                        .roles(row.getString("roles").split(","))
                        .disabled(!row.getBoolean("enabled"))
                        .accountLocked(row.getBoolean("was_locked") || row.getInt("failed_logins") > MAX_FAILURES)
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no staff account"));
    }

    @EventListener
    public void on(AuthenticationFailureBadCredentialsEvent event) {
        // The attempt was counted when the account was read. What was typed as the address is not
        // logged: it may be a password typed in the wrong field.
        log.info("Failed staff sign-in");
    }

    @EventListener
    @Transactional
    public void on(AuthenticationSuccessEvent event) {
        // With two-factor sign-in the password is only half of it: the right password takes back its own
        // attempt (and a lock it set), but the failures counted before stay until the code is right too,
        // or else retyping the password would give endless code guesses.
        jdbc.sql("""
                UPDATE staff.account SET last_login_at = :now,
                    failed_logins = CASE WHEN totp_enabled_at IS NULL THEN 0 ELSE greatest(failed_logins - 1, 0) END,
                    locked_until = CASE WHEN totp_enabled_at IS NULL OR failed_logins - 1 < :max THEN NULL ELSE locked_until END
                WHERE lower(email) = lower(:email)
                """)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("max", MAX_FAILURES)
                .param("email", event.getAuthentication().getName())
                .update();
    }

    @Configuration(proxyBeanMethods = false)
    static class Passwords {

        /** Argon2id for new hashes; bcrypt hashes imported from elsewhere still verify. */
        @Bean
        PasswordEncoder passwordEncoder() {
            return new BoundedPasswordEncoder(new DelegatingPasswordEncoder("argon2", Map.of(
                    "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                    "bcrypt", new BCryptPasswordEncoder())), Runtime.getRuntime().availableProcessors());
        }
    }
}
