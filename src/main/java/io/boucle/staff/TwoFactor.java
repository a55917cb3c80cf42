package io.boucle.staff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.boucle.audit.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in for staff: a TOTP authenticator app (RFC 6238, HMAC-SHA1, 6 digits, 30 s) and
 * ten one-time recovery codes. A staff member enrols (the secret is shown once, as an
 * {@code otpauth://} address and as text) and confirms with a first code; from then on, signing in
 * asks for a code after the password. A code is accepted once: not again in its time step, nor an
 * older one. Wrong codes count with wrong passwords toward the same lock-out
 * ({@value StaffSignIn#MAX_FAILURES} in a row lock the account for a while). API tokens are not concerned.
 */
@Service
public class TwoFactor {

    public static final String ISSUER = "Boucle";
    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);

    /** A new secret, to be shown to its owner once. */
    public record Enrolment(String secret, String uri) {

        @Override
        public String toString() {
            return "Enrolment[…]";
        }
    }

    /** What a code typed at sign-in gave. */
    public enum Check {
        ACCEPTED, REFUSED, LOCKED
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Audit audit;

    TwoFactor(JdbcClient jdbc, Clock clock, Audit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Whether the account signed in with this address (as typed at sign-in) must give a code. */
    @Transactional(readOnly = true)
    public boolean enabled(String email) {
        return jdbc.sql("SELECT totp_enabled_at IS NOT NULL FROM staff.account WHERE lower(email) = lower(:email)")
                .param("email", email).query(Boolean.class).optional().orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean enabled(StaffAccountId id) {
        return jdbc.sql("SELECT totp_enabled_at IS NOT NULL FROM staff.account WHERE id = :id")
                .param("id", id.value()).query(Boolean.class).optional().orElse(false);
    }

    /** Whether an owner requires every staff member to sign in with a second factor. */
    @Transactional(readOnly = true)
    public boolean required() {
        return jdbc.sql("SELECT two_factor_required FROM staff.settings").query(Boolean.class).single();
    }

    /**
     * Whether the account signed in with this address must enrol before anything else: an owner
     * requires a second factor and the account has none.
     */
    @Transactional(readOnly = true)
    public boolean mustEnrol(String email) {
        return jdbc.sql("""
                SELECT s.two_factor_required AND a.totp_enabled_at IS NULL
                FROM staff.account a CROSS JOIN staff.settings s WHERE lower(a.email) = lower(:email)
                """).param("email", email).query(Boolean.class).optional().orElse(false);
    }

    /**
     * Requires (or no longer requires) a second factor of every staff member: from their next
     * sign-in, and for sessions already open, from their next page (they are sent to enrol first).
     */
    @Transactional
    public void require(boolean required) {
        jdbc.sql("UPDATE staff.settings SET two_factor_required = :required").param("required", required).update();
        audit.record("staff.two-factor.require", "settings", "staff", required ? "required for all staff" : "no longer required");
    }

    @Transactional(readOnly = true)
    public int recoveryCodesLeft(StaffAccountId id) {
        return jdbc.sql("SELECT count(*) FROM staff.recovery_code WHERE account_id = :id AND used_at IS NULL")
                .param("id", id.value()).query(Integer.class).single();
    }

    /** A new secret waiting for its first code; it replaces any earlier one not confirmed. */
    @Transactional
    public Enrolment startEnrolment(StaffAccountId id) {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String text = Base32.encode(secret);
        String email = jdbc.sql("UPDATE staff.account SET totp_pending_secret = :secret WHERE id = :id RETURNING email")
                .param("secret", text).param("id", id.value()).query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no staff account " + id));
        return enrolment(email, text);
    }

    /** The secret waiting for its first code, to show it again after a wrong code. */
    @Transactional(readOnly = true)
    public Optional<Enrolment> pendingEnrolment(StaffAccountId id) {
        return jdbc.sql("SELECT email, totp_pending_secret FROM staff.account WHERE id = :id AND totp_pending_secret IS NOT NULL")
                .param("id", id.value())
                .query((row, n) -> enrolment(row.getString("email"), row.getString("totp_pending_secret")))
                .optional();
    }

    private static Enrolment enrolment(String email, String secret) {
        String label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return new Enrolment(secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS);
    }

    /**
     * Turns two-factor sign-in on when {@code code} is the current code of the secret being enrolled;
     * returns the recovery codes, shown this once. Empty when the code is wrong (nothing changes).
     */
    @Transactional
    public Optional<List<String>> confirmEnrolment(StaffAccountId id, String code) {
        String pending = jdbc.sql("SELECT totp_pending_secret FROM staff.account WHERE id = :id FOR UPDATE")
                .param("id", id.value()).query(String.class).optional().orElse(null);
        if (pending == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        long step = Totp.matchingStep(Base32.decode(pending), code == null ? null : code.strip(), now);
        if (step < 0) {
            return Optional.empty();
        }
        jdbc.sql("""
                UPDATE staff.account SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                    totp_enabled_at = :now, last_totp_step = :step
                WHERE id = :id
                """).param("now", Timestamp.from(now)).param("step", step).param("id", id.value()).update();
        List<String> codes = replaceRecoveryCodes(id, now);
        audit.record("staff.two-factor.enable", "staff", id.toString(), "two-factor sign-in turned on, " + codes.size() + " recovery codes");
        return Optional.of(codes);
    }

    /** Turns two-factor sign-in off, with a current code as proof; refused while an owner requires it. */
    @Transactional
    public boolean disable(StaffAccountId id, String code) {
        if (required()) {
            return false;
        }
        String email = jdbc.sql("SELECT email FROM staff.account WHERE id = :id").param("id", id.value())
                .query(String.class).optional().orElse(null);
        if (email == null || check(email, code) != Check.ACCEPTED) {
            return false;
        }
        jdbc.sql("""
                UPDATE staff.account SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL
                WHERE id = :id
                """).param("id", id.value()).update();
        jdbc.sql("DELETE FROM staff.recovery_code WHERE account_id = :id").param("id", id.value()).update();
        audit.record("staff.two-factor.disable", "staff", id.toString(), "two-factor sign-in turned off");
        return true;
    }

    /**
     * Checks the code typed at sign-in after the password: a current TOTP code not used before, or a
     * recovery code not used before (then used up). A wrong code counts toward the account's lock-out;
     * a locked account is refused whatever the code.
     */
    @Transactional
    public Check check(String email, String code) {
        Map<String, Object> account = jdbc.sql("""
                SELECT id, totp_secret, locked_until FROM staff.account WHERE lower(email) = lower(:email) FOR UPDATE
                """).param("email", email).query().singleRow();
        Instant now = Instant.now(clock);
        Timestamp lockedUntil = (Timestamp) account.get("locked_until");
        if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
            return Check.LOCKED;
        }
        String secret = (String) account.get("totp_secret");
        String typed = code == null ? "" : code.strip();
        boolean accepted = false;
        if (secret != null && typed.matches("\\d{6}")) {
            long step = Totp.matchingStep(Base32.decode(secret), typed, now);
            accepted = step >= 0 && jdbc.sql("""
                    UPDATE staff.account SET last_totp_step = :step WHERE id = :id AND last_totp_step < :step
                    """).param("step", step).param("id", account.get("id")).update() == 1;
        } else if (secret != null) {
            String normalised = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
            accepted = normalised.length() == 10 && jdbc.sql("""
                    UPDATE staff.recovery_code SET used_at = :now
                    WHERE account_id = :id AND code_hash = :hash AND used_at IS NULL
                    """).param("now", Timestamp.from(now)).param("id", account.get("id"))
                    .param("hash", StaffAccounts.digest(normalised)).update() == 1;
        }
        if (accepted) {
            jdbc.sql("UPDATE staff.account SET failed_logins = 0, locked_until = NULL WHERE id = :id")
                    .param("id", account.get("id")).update();
            return Check.ACCEPTED;
        }
        boolean locks = jdbc.sql("""
                UPDATE staff.account
                SET failed_logins = CASE WHEN failed_logins + 1 >= :max THEN 0 ELSE failed_logins + 1 END,
                    locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE locked_until END
                WHERE id = :id RETURNING locked_until IS NOT NULL AND locked_until > :now
                """).param("max", StaffSignIn.MAX_FAILURES).param("until", Timestamp.from(now.plus(StaffSignIn.LOCK_DURATION)))
                .param("id", account.get("id")).param("now", Timestamp.from(now)).query(Boolean.class).single();
        log.info("Wrong second-factor code at staff sign-in{}", locks ? "; account locked" : "");
        return locks ? Check.LOCKED : Check.REFUSED;
    }

    private List<String> replaceRecoveryCodes(StaffAccountId id, Instant now) {
        jdbc.sql("DELETE FROM staff.recovery_code WHERE account_id = :id").param("id", id.value()).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            jdbc.sql("INSERT INTO staff.recovery_code (account_id, code_hash, created_at) VALUES (:id, :hash, :now)")
                    .param("id", id.value()).param("hash", StaffAccounts.digest(code.toString()))
                    .param("now", Timestamp.from(now)).update();
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }
}
