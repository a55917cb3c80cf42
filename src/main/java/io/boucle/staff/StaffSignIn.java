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

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String email) {
        return jdbc.sql("""
                SELECT email, password_hash, array_to_string(roles, ',') AS roles, enabled, locked_until
                FROM staff.account WHERE lower(email) = lower(:email)
                """)
                // Exactly as typed (the form trims spaces): the failure counter matches the same string,
                // so no variant of an address escapes the lock-out.
                .param("email", email)
                .query((row, n) -> {
                    Timestamp lockedUntil = row.getTimestamp("locked_until");
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now(clock));
                    return User.withUsername(row.getString("email"))
                            .password(row.getString("password_hash"))
                            .roles(row.getString("roles").split(","))
                            .disabled(!row.getBoolean("enabled"))
                            .accountLocked(locked)
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no staff account"));
    }

    @EventListener
    @Transactional
    public void on(AuthenticationFailureBadCredentialsEvent event) {
        String email = event.getAuthentication().getName();
        Instant now = Instant.now(clock);
        int known = jdbc.sql("""
                UPDATE staff.account
                SET failed_logins = CASE WHEN failed_logins + 1 >= :max THEN 0 ELSE failed_logins + 1 END,
                    locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE locked_until END
                WHERE lower(email) = lower(:email)
                """)
                .params(Map.of("max", MAX_FAILURES, "until", Timestamp.from(now.plus(LOCK_DURATION)), "email", email))
                .update();
        // What was typed as the address is not logged: it may be a password typed in the wrong field.
        log.info("Failed staff sign-in ({} account)", known > 0 ? "existing" : "unknown");
    }

    @EventListener
    @Transactional
    public void on(AuthenticationSuccessEvent event) {
        // With two-factor sign-in the password is only half of it: the failures counted so far stay
        // until the code is right too, or else retyping the password would give endless code guesses.
        jdbc.sql("""
                UPDATE staff.account SET last_login_at = :now,
                    failed_logins = CASE WHEN totp_enabled_at IS NULL THEN 0 ELSE failed_logins END,
                    locked_until = CASE WHEN totp_enabled_at IS NULL THEN NULL ELSE locked_until END
                WHERE lower(email) = lower(:email)
                """)
                .param("now", Timestamp.from(Instant.now(clock)))
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
