package io.boucle.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.boucle.audit.Audit;
import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Identifiers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens staff accounts, sets their passwords and issues and checks their API tokens. */
@Service
public class StaffAccounts {

    /** Shorter passwords are refused: staff accounts guard invoices and customer data. */
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    private static final String TOKEN_PREFIX = "bcl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Messaging messaging;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final String signInUrl;
    private final Clock clock;
    private final Audit audit;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events, Messaging messaging,
            ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, @Value("${boucle.public-url}") String publicUrl,
            Clock clock, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.passwords = passwords;
        this.events = events;
        this.messaging = messaging;
        this.sessions = sessions;
        this.signInUrl = publicUrl.replaceAll("/+$", "") + "/admin/login";
        this.clock = clock;
    }

    @Transactional
    public StaffAccount open(EmailAddress email, String displayName, String password, Set<Role> roles, Locale locale) {
        checkPassword(password);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a staff account needs at least one role");
        }
        StaffAccountId id = new StaffAccountId(Identifiers.newUuid(clock));
        Instant now = Instant.now(clock);
        try {
            jdbc.sql("""
                    INSERT INTO staff.account (id, email, display_name, password_hash, roles, locale, created_at)
                    VALUES (:id, :email, :name, :hash, string_to_array(:roles, ','), :locale, :now)
                    """)
                    .param("id", id.value())
                    .param("email", email.value())
                    .param("name", displayName)
                    .param("hash", passwords.encode(password))
                    .param("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                    .param("locale", locale.toLanguageTag())
                    .param("now", Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("a staff account already exists for " + email, e);
        }
        events.publishEvent(new StaffAccountCreated(id, EnumSet.copyOf(roles), now));
        messaging.send(Email.of(email, "staff-welcome", locale,
                Map.of("name", displayName, "email", email.value(), "signInUrl", signInUrl)).withReference("staff:" + id));
        return new StaffAccount(id, email, displayName, roles, locale, true);
    }

    /** Sets a new password and signs the account out everywhere, so a stolen session ends too. */
    @Transactional
    public void changePassword(StaffAccountId id, String password) {
        checkPassword(password);
        String email = jdbc.sql("""
                UPDATE staff.account SET password_hash = :hash, failed_logins = 0, locked_until = NULL
                WHERE id = :id RETURNING email
                """)
                .param("hash", passwords.encode(password))
                .param("id", id.value())
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("no staff account " + id));
        sessions.ifAvailable(repository -> repository.findByPrincipalName(email).keySet().forEach(repository::deleteById));
    }

    @Transactional(readOnly = true)
    public Optional<StaffAccount> findByEmail(EmailAddress email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff.account WHERE lower(email) = lower(:email)")
                .param("email", email.value())
                .query(StaffAccounts::account)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<StaffAccount> find(StaffAccountId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff.account WHERE id = :id")
                .param("id", id.value())
                .query(StaffAccounts::account)
                .optional();
    }

    /** The languages the back office speaks. */
    public static final java.util.List<Locale> LANGUAGES = java.util.List.of(Locale.FRENCH, Locale.ENGLISH);

    /** Sets the language the back office speaks to this staff member (French or English), from their next page. */
    @Transactional
    public void changeLocale(StaffAccountId id, Locale locale) {
        Locale language = LANGUAGES.stream().filter(known -> known.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the back office speaks French (fr) and English (en)"));
        String before = jdbc.sql("SELECT locale FROM staff.account WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(String.class).optional().orElseThrow(() -> new IllegalArgumentException("no staff account " + id));
        if (before.equals(language.toLanguageTag())) {
            return;
        }
        jdbc.sql("UPDATE staff.account SET locale = :locale WHERE id = :id")
                .param("locale", language.toLanguageTag()).param("id", id.value()).update();
        audit.record("staff.language", "staff", id.toString(), before + " → " + language.toLanguageTag());
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT count(*) FROM staff.account").query(Long.class).single();
    }

    /** Issues a new random token for the account; its value is returned once and stored hashed. */
    @Transactional
    public IssuedApiToken issueApiToken(StaffAccountId id, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedApiToken(registerApiToken(id, label, token), token);
    }

    /**
     * Registers a token chosen by the operator (e.g. {@code BOUCLE_ADMIN_API_TOKEN}); nothing
     * happens when it is already registered.
     */
    @Transactional
    public UUID registerApiToken(StaffAccountId id, String label, String token) {
        if (token == null || token.length() < 24) {
            throw new IllegalArgumentException("an API token needs at least 24 characters");
        }
        UUID tokenId = Identifiers.newUuid(clock);
        return jdbc.sql("""
                INSERT INTO staff.api_token (id, account_id, token_hash, label, created_at)
                VALUES (:id, :account, :hash, :label, :now)
                ON CONFLICT (token_hash) DO UPDATE SET token_hash = EXCLUDED.token_hash
                RETURNING id
                """)
                .param("id", tokenId)
                .param("account", id.value())
                .param("hash", digest(token))
                .param("label", label)
                .param("now", Timestamp.from(Instant.now(clock)))
                .query(UUID.class)
                .single();
    }

    /**
     * Makes {@code token} the account's one token under {@code label}: registers it and revokes the
     * others with that label, so changing a configured token retires the old one.
     *
     * @return {@code false} when the token was revoked before: it stays revoked
     */
    @Transactional
    public boolean rotateApiToken(StaffAccountId id, String label, String token) {
        UUID kept = registerApiToken(id, label, token);
        jdbc.sql("""
                UPDATE staff.api_token SET revoked_at = :now
                WHERE account_id = :account AND label = :label AND id <> :kept AND revoked_at IS NULL
                """)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("account", id.value())
                .param("label", label)
                .param("kept", kept)
                .update();
        return jdbc.sql("SELECT revoked_at IS NULL FROM staff.api_token WHERE id = :id AND account_id = :account")
                .param("id", kept).param("account", id.value())
                .query(Boolean.class).optional().orElse(false);
    }

    @Transactional
    public void revokeApiToken(UUID tokenId) {
        jdbc.sql("UPDATE staff.api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", tokenId)
                .update();
    }

    /** The enabled account a valid, unrevoked token belongs to. */
    @Transactional
    public Optional<StaffAccount> authenticateToken(String token) {
        if (token == null || token.length() < 24 || token.length() > 512) {
            return Optional.empty();
        }
        String hash = digest(token);
        Optional<StaffAccount> account = jdbc.sql("""
                SELECT a.id, a.email, a.display_name, array_to_string(a.roles, ',') AS roles, a.locale, a.enabled
                FROM staff.api_token t JOIN staff.account a ON a.id = t.account_id
                WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND a.enabled
                """)
                .param("hash", hash)
                .query(StaffAccounts::account)
                .optional();
        if (account.isPresent()) {
            // Recorded at most once a minute so busy integrations do not write on every call.
            Instant now = Instant.now(clock);
            jdbc.sql("""
                    UPDATE staff.api_token SET last_used_at = :now
                    WHERE token_hash = :hash AND (last_used_at IS NULL OR last_used_at < :stale)
                    """)
                    .param("now", Timestamp.from(now))
                    .param("stale", Timestamp.from(now.minusSeconds(60)))
                    .param("hash", hash)
                    .update();
        }
        return account;
    }

    static final String COLUMNS = "id, email, display_name, array_to_string(roles, ',') AS roles, locale, enabled";

    static StaffAccount account(ResultSet row, int rowNumber) throws SQLException {
        Set<Role> roles = Arrays.stream(row.getString("roles").split(","))
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return new StaffAccount(new StaffAccountId(row.getObject("id", UUID.class)),
                EmailAddress.of(row.getString("email")), row.getString("display_name"), roles,
                Locale.forLanguageTag(row.getString("locale")), row.getBoolean("enabled"));
    }

    /** API tokens carry 256 random bits, so a fast digest is enough to keep them unreadable at rest. */
    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a staff password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
    }
}
