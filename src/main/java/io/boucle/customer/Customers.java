package io.boucle.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.boucle.audit.Audit;
import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Identifiers;
import io.boucle.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer accounts: sign-up, password sign-in (throttled), details, password and marketing
 * consent. Passwords are hashed by the application's one password encoder (Argon2id, with a bound
 * on how many hashes are computed at once), the same as the staff's.
 */
@Service
public class Customers {

    public static final int MINIMUM_PASSWORD_LENGTH = 12;
    /** Longer input is refused before hashing: hashing cost grows with it. */
    public static final int MAXIMUM_PASSWORD_LENGTH = 128;
    public static final int MAXIMUM_NAME_LENGTH = 100;
    /** What a customer's sign-in session is named after in the session store. */
    public static final String SESSION_PRINCIPAL_PREFIX = "customer:";
    /** How long a shopper is asked to wait when too many passwords are being checked at once. */
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Customers.class);
    private static final String COLUMNS = """
            a.id, a.email, a.name, a.locale, a.created_at,
            coalesce((SELECT c.granted FROM customer.consent c WHERE c.customer_id = a.id AND c.purpose = 'MARKETING_EMAIL'
                      ORDER BY c.id DESC LIMIT 1), FALSE) AS marketing_emails
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Messaging messaging;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final String shopUrl;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Audit audit;

    /** The longest note staff may write about a customer. */
    public static final int MAX_NOTE = 2000;

    /** The domain of the addresses erased accounts get: reserved, so no mail can ever reach it (RFC 2606). */
    public static final String ERASED_DOMAIN = "erased.invalid";
    /** Checked against when the address has no account, so a wrong address takes as long as a wrong password. */
    private volatile String decoyHash;

    Customers(JdbcClient jdbc, PasswordEncoder passwords, SignInThrottle throttle, ApplicationEventPublisher events,
            Messaging messaging, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
            @Value("${boucle.public-url}") String publicUrl, Clock clock, PlatformTransactionManager transactionManager, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
        this.messaging = messaging;
        this.sessions = sessions;
        this.shopUrl = publicUrl.replaceAll("/+$", "");
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Opens an account and records the answer to the marketing question (no unless ticked). Every
     * field at fault is reported at once, and nothing is written then. Whether an address has an
     * account already is said, as shops usually do; so sign-ups are counted per client address,
     * 20 an hour, whether they succeed or not.
     *
     * @param client the address the sign-up comes from
     * @throws SignInThrottled when this client signed up too often lately, or too many passwords
     *                         are being hashed at this moment
     */
    public Customer signUp(SignUp signUp, String client) {
        SignInThrottle.Counter from = SignInThrottle.signUps(client);
        throttle.reserve(from);
        List<InvalidCustomerDetails.Problem> problems = new ArrayList<>();
        EmailAddress email = checkEmail(signUp.email(), problems);
        String name = checkName(signUp.name(), problems);
        checkPassword(signUp.password(), "password", problems);
        if (email != null && emailTaken(email, null)) {
            problems.add(new InvalidCustomerDetails.Problem("email", "email.taken"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCustomerDetails(problems);
        }
        // Hashed before the transaction, so no connection waits on it.
        String hash;
        try {
            hash = passwords.encode(signUp.password());
        } catch (AuthenticationServiceException e) {
            throttle.forgive(from);
            throw busy();
        }
        CustomerId id = new CustomerId(Identifiers.newUuid(clock));
        Instant now = Instant.now(clock);
        Locale locale = Locale.of(signUp.locale() == null ? "fr" : signUp.locale().getLanguage());
        return transactions.execute(status -> {
            try {
                jdbc.sql("""
                        INSERT INTO customer.account (id, email, name, password_hash, locale, created_at, updated_at, password_changed_at)
                        VALUES (:id, :email, :name, :hash, :locale, :now, :now, :now)
                        """)
                        .param("id", id.value()).param("email", email.value()).param("name", name)
                        .param("hash", hash).param("locale", locale.toLanguageTag())
                        .param("now", Timestamp.from(now))
                        .update();
            } catch (DuplicateKeyException e) {
                // The same address signed up meanwhile, from a concurrent request.
                throw new InvalidCustomerDetails(List.of(new InvalidCustomerDetails.Problem("email", "email.taken")));
            }
            recordConsent(id, signUp.marketingEmails(), wording(signUp.consentWording()), "sign-up", now);
            events.publishEvent(new CustomerSignedUp(id, locale, signUp.marketingEmails(), now));
            messaging.send(Email.of(email, "customer-welcome", locale, Map.of("name", name, "accountUrl", shopUrl + "/compte"))
                    .withReference("customer:" + id));
            return new Customer(id, email, name, locale, signUp.marketingEmails(), now);
        });
    }

    /**
     * The account whose address and password these are. A wrong address and a wrong password give
     * the same empty answer and count alike towards the throttle, which counts the attempt before
     * the password is checked.
     *
     * @param client the address the attempt comes from
     * @throws SignInThrottled when too many attempts failed lately for this account (or address) or
     *                         client, or too many passwords are being checked at this moment
     */
    public Optional<Customer> authenticate(String email, String password, String client) {
        // The account as its lookup finds it, and the address as PostgreSQL lower-cases it, so the
        // count is the account's whichever way its address is typed.
        StoredPassword stored = jdbc.sql("""
                        SELECT lower(CAST(:email AS TEXT)) AS typed, a.id, a.password_hash
                        FROM (VALUES (1)) AS one (x)
                        LEFT JOIN customer.account a ON lower(a.email) = lower(CAST(:email AS TEXT))
                        """)
                .param("email", email == null ? "" : email.strip())
                .query((row, n) -> new StoredPassword(row.getString("typed"),
                        row.getObject("id") == null ? null : new CustomerId(row.getObject("id", UUID.class)),
                        row.getString("password_hash")))
                .single();
        SignInThrottle.Counter account = stored.id() == null ? SignInThrottle.address(stored.typed())
                : SignInThrottle.account(stored.id());
        SignInThrottle.Counter from = SignInThrottle.client(client);
        throttle.reserve(account, from);
        if (email == null || password == null || password.length() > MAXIMUM_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        boolean matches;
        try {
            matches = passwords.matches(password, stored.id() == null ? decoyHash() : stored.hash());
        } catch (AuthenticationServiceException e) {
            // No password was checked: the attempt is not held against anyone.
            throttle.forgive(account);
            throttle.forgive(from);
            throw busy();
        }
        if (stored.id() == null || !matches) {
            log.info("Failed customer sign-in ({} account)", stored.id() != null ? "existing" : "unknown");
            return Optional.empty();
        }
        throttle.reset(account);
        throttle.forgive(from);
        CustomerId id = stored.id();
        String newHash = null;
        if (passwords.upgradeEncoding(stored.hash())) {
            try {
                newHash = passwords.encode(password);
            } catch (AuthenticationServiceException e) {
                log.debug("Password hash left as it is: the hasher is busy");
            }
        }
        jdbc.sql("UPDATE customer.account SET last_sign_in_at = :now, password_hash = coalesce(:hash, password_hash) WHERE id = :id")
                .param("now", Timestamp.from(Instant.now(clock))).param("hash", newHash).param("id", id.value()).update();
        return find(id);
    }

    /** The password hasher has no room for one more hash now (it bounds how many run at once). */
    private SignInThrottled busy() {
        return new SignInThrottled(Instant.now(clock).plus(BUSY_RETRY));
    }

    /** What the sign-in lookup found: the address lower-cased, and the account's id and hash when there is one. */
    private record StoredPassword(String typed, CustomerId id, String hash) {
    }

    @Transactional(readOnly = true)
    public Optional<Customer> find(CustomerId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer.account a WHERE a.id = :id")
                .param("id", id.value()).query(Customers::customer).optional();
    }

    /**
     * Customers whose email or name contains {@code query} (case ignored), newest first; every
     * customer for a blank query.
     */
    @Transactional(readOnly = true)
    public io.boucle.shared.Page<Customer> search(String query, int page, int size) {
        String text = query == null ? "" : query.strip();
        String where = " FROM customer.account a WHERE :text = '' OR strpos(lower(a.email), lower(:text)) > 0"
                + " OR strpos(lower(a.name), lower(:text)) > 0";
        long total = jdbc.sql("SELECT count(*)" + where).param("text", text).query(Long.class).single();
        List<Customer> found = jdbc.sql("SELECT " + COLUMNS + where + " ORDER BY a.created_at DESC, a.id LIMIT :limit OFFSET :offset")
                .param("text", text).param("limit", size).param("offset", (long) page * size)
                .query(Customers::customer).list();
        return new io.boucle.shared.Page<>(found, page, size, total);
    }

    /** How many customers {@link #search(String, Segment, Function, Instant, int, int)} reads at a time. */
    static final int SEGMENT_BATCH = 500;

    /**
     * Customers whose email or name contains {@code query} (every customer for a blank one) and who
     * are in {@code segment} at {@code now}, newest first. Segments depend on what customers bought,
     * which the orders know: {@code histories} gives it for a batch of customers. The customers
     * matching the text are read in batches of {@value #SEGMENT_BATCH} (those a segment cannot hold
     * left out in SQL: marketing consent, and for {@code INACTIVE} the accounts too recent), so the
     * cost grows with the number of customers, not with the page asked.
     */
    @Transactional(readOnly = true)
    public io.boucle.shared.Page<Customer> search(String query, Segment segment, Function<List<CustomerId>,
            Map<CustomerId, PurchaseHistory>> histories, Instant now, int page, int size) {
        if (segment == null) {
            return search(query, page, size);
        }
        String text = query == null ? "" : query.strip();
        String where = " FROM (SELECT " + COLUMNS + " FROM customer.account a WHERE (:text = '' OR strpos(lower(a.email), lower(:text)) > 0"
                + " OR strpos(lower(a.name), lower(:text)) > 0)"
                + (segment == Segment.INACTIVE ? " AND a.created_at < :before" : "") + ") a"
                + (segment == Segment.MARKETING ? " WHERE a.marketing_emails" : "");
        Timestamp before = Timestamp.from(now.minus(Segment.DORMANT));
        long skip = (long) page * size;
        long total = 0;
        List<Customer> found = new ArrayList<>();
        for (int batch = 0; ; batch++) {
            List<Customer> candidates = jdbc.sql("SELECT a.*" + where + " ORDER BY a.created_at DESC, a.id LIMIT :limit OFFSET :offset")
                    .param("text", text).param("before", before).param("limit", SEGMENT_BATCH)
                    .param("offset", (long) batch * SEGMENT_BATCH).query(Customers::customer).list();
            Map<CustomerId, PurchaseHistory> bought = candidates.isEmpty() ? Map.of()
                    : histories.apply(candidates.stream().map(Customer::id).toList());
            for (Customer candidate : candidates) {
                if (Segment.of(candidate, bought.getOrDefault(candidate.id(), PurchaseHistory.NONE), now).contains(segment)) {
                    if (total >= skip && found.size() < size) {
                        found.add(candidate);
                    }
                    total++;
                }
            }
            if (candidates.size() < SEGMENT_BATCH) {
                return new io.boucle.shared.Page<>(List.copyOf(found), page, size, total);
            }
        }
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findByEmail(EmailAddress email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer.account a WHERE lower(a.email) = lower(:email)")
                .param("email", email.value()).query(Customers::customer).optional();
    }

    /**
     * Changes the name and the address; a new address needs the current password, so a session
     * left open can neither hand the account over nor tell whether another address has an
     * account. The password is checked through the account's throttle, outside any transaction (a
     * refused check stays counted, and no connection waits on the hash).
     *
     * @throws SignInThrottled when too many password checks failed lately for this account
     */
    public Customer changeDetails(CustomerId id, String name, String email, String currentPassword) {
        Customer customer = find(id).orElseThrow(() -> new NotFound("no customer " + id));
        List<InvalidCustomerDetails.Problem> problems = new ArrayList<>();
        String checkedName = checkName(name, problems);
        EmailAddress checkedEmail = checkEmail(email, problems);
        boolean newEmail = checkedEmail != null && !checkedEmail.value().equalsIgnoreCase(customer.email().value());
        // The password first: whether another account has the address is told only to whoever knows it.
        if (newEmail && !currentPasswordMatches(id, currentPassword)) {
            problems.add(new InvalidCustomerDetails.Problem("currentPassword", "currentPassword.wrong"));
        } else if (newEmail && emailTaken(checkedEmail, id)) {
            problems.add(new InvalidCustomerDetails.Problem("email", "email.taken"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCustomerDetails(problems);
        }
        try {
            jdbc.sql("UPDATE customer.account SET name = :name, email = :email, updated_at = :now WHERE id = :id")
                    .param("name", checkedName).param("email", checkedEmail.value())
                    .param("now", Timestamp.from(Instant.now(clock))).param("id", id.value()).update();
        } catch (DuplicateKeyException e) {
            throw new InvalidCustomerDetails(List.of(new InvalidCustomerDetails.Problem("email", "email.taken")));
        }
        return find(id).orElseThrow();
    }

    /**
     * Sets a new password once the current one is given (checked through the account's throttle,
     * outside any transaction), and ends every sign-in session of the account, so a stolen session
     * ends too (the page that asked signs its shopper in again).
     *
     * @throws SignInThrottled when too many password checks failed lately for this account, or too
     *                         many passwords are being hashed at this moment
     */
    public void changePassword(CustomerId id, String currentPassword, String newPassword) {
        List<InvalidCustomerDetails.Problem> problems = new ArrayList<>();
        checkPassword(newPassword, "password", problems);
        if (!currentPasswordMatches(id, currentPassword)) {
            problems.add(new InvalidCustomerDetails.Problem("currentPassword", "currentPassword.wrong"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCustomerDetails(problems);
        }
        String hash;
        try {
            hash = passwords.encode(newPassword);
        } catch (AuthenticationServiceException e) {
            throw busy();
        }
        Instant now = Instant.now(clock);
        jdbc.sql("UPDATE customer.account SET password_hash = :hash, password_changed_at = :now, updated_at = :now WHERE id = :id")
                .param("hash", hash).param("now", Timestamp.from(now)).param("id", id.value()).update();
        sessions.ifAvailable(repository -> repository.findByPrincipalName(SESSION_PRINCIPAL_PREFIX + id).keySet()
                .forEach(repository::deleteById));
    }

    /** Records a new answer about marketing emails, when it differs from the current one. */
    @Transactional
    public Customer setMarketingEmails(CustomerId id, boolean granted, String wording, String source) {
        Customer customer = find(id).orElseThrow(() -> new NotFound("no customer " + id));
        if (customer.marketingEmails() != granted) {
            recordConsent(id, granted, wording(wording), source, Instant.now(clock));
        }
        return find(id).orElseThrow();
    }

    /** Staff notes about the customer, newest first. */
    @Transactional(readOnly = true)
    public List<CustomerNote> notes(CustomerId id) {
        return jdbc.sql("SELECT id, staff_email, body, created_at FROM customer.note WHERE customer_id = :id ORDER BY created_at DESC, id DESC")
                .param("id", id.value())
                .query((row, n) -> new CustomerNote(row.getObject("id", java.util.UUID.class), row.getString("staff_email"),
                        row.getString("body"), row.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Adds a staff note about the customer (audited).
     *
     * @throws io.boucle.shared.InvalidField on {@code body} when blank or too long
     */
    @Transactional
    public CustomerNote addNote(CustomerId id, String body, String staffEmail) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > MAX_NOTE) {
            throw new io.boucle.shared.InvalidField("body", "1 to " + MAX_NOTE + " characters");
        }
        find(id).orElseThrow(() -> new NotFound("no customer " + id));
        CustomerNote note = new CustomerNote(io.boucle.shared.Identifiers.newUuid(clock), staffEmail, text, Instant.now(clock));
        jdbc.sql("INSERT INTO customer.note (id, customer_id, staff_email, body, created_at) VALUES (:id, :customer, :staff, :body, :at)")
                .param("id", note.id()).param("customer", id.value()).param("staff", staffEmail).param("body", text)
                .param("at", Timestamp.from(note.createdAt())).update();
        audit.record("customer.note", "customer", id.toString(), text);
        return note;
    }

    /** When the customer's personal data was erased; empty while it is not. */
    @Transactional(readOnly = true)
    public Optional<Instant> erasedAt(CustomerId id) {
        return jdbc.sql("SELECT erased_at FROM customer.account WHERE id = :id AND erased_at IS NOT NULL")
                .param("id", id.value()).query((row, n) -> row.getTimestamp("erased_at").toInstant()).optional();
    }

    /**
     * Erases the customer's profile and marketing data (GDPR art. 17): the account keeps its id but its
     * email becomes {@code erased-<id>@erased.invalid}, its name blank and its password one nobody
     * knows, so nobody signs in with it again; its consents, wishlist and staff notes are deleted; its
     * sessions end. Orders and invoices are the caller's business (they are kept). Nothing happens to
     * an account erased already.
     *
     * @return false when it was erased already
     */
    @Transactional
    public boolean erase(CustomerId id) {
        Customer customer = find(id).orElseThrow(() -> new NotFound("no customer " + id));
        if (erasedAt(id).isPresent()) {
            return false;
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String unusable;
        try {
            unusable = passwords.encode(java.util.HexFormat.of().formatHex(random));
        } catch (AuthenticationServiceException e) {
            throw busy();
        }
        Instant now = Instant.now(clock);
        jdbc.sql("DELETE FROM customer.consent WHERE customer_id = :id").param("id", id.value()).update();
        jdbc.sql("DELETE FROM customer.wishlist_item WHERE customer_id = :id").param("id", id.value()).update();
        jdbc.sql("DELETE FROM customer.note WHERE customer_id = :id").param("id", id.value()).update();
        jdbc.sql("""
                UPDATE customer.account SET email = :email, name = '', password_hash = :hash, erased_at = :now, updated_at = :now,
                    password_changed_at = :now
                WHERE id = :id
                """)
                .param("email", "erased-" + id + "@" + ERASED_DOMAIN).param("hash", unusable)
                .param("now", Timestamp.from(now)).param("id", id.value()).update();
        sessions.ifAvailable(repository -> repository.findByPrincipalName(SESSION_PRINCIPAL_PREFIX + id).keySet()
                .forEach(repository::deleteById));
        audit.record("customer.erase", "customer", id.toString(), "profile, consents, wishlist and notes erased (was "
                + customer.email().value().charAt(0) + "…@" + customer.email().value().substring(customer.email().value().indexOf('@') + 1) + ")");
        return true;
    }

    /** Every answer the customer gave to consent questions, oldest first. */
    @Transactional(readOnly = true)
    public List<Consent> consents(CustomerId id) {
        return jdbc.sql("SELECT purpose, granted, wording, source, recorded_at FROM customer.consent WHERE customer_id = :id ORDER BY id")
                .param("id", id.value())
                .query((row, n) -> new Consent(Consent.Purpose.valueOf(row.getString("purpose")), row.getBoolean("granted"),
                        row.getString("wording"), row.getString("source"), row.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    private void recordConsent(CustomerId id, boolean granted, String wording, String source, Instant at) {
        jdbc.sql("""
                INSERT INTO customer.consent (customer_id, purpose, granted, wording, source, recorded_at)
                VALUES (:id, 'MARKETING_EMAIL', :granted, :wording, :source, :at)
                """)
                .param("id", id.value()).param("granted", granted).param("wording", wording).param("source", source)
                .param("at", Timestamp.from(at)).update();
    }

    /**
     * Whether this is the account's password, counted by the account's throttle like a sign-in (a
     * stolen session cannot guess it any faster). A field left empty is wrong without counting.
     */
    private boolean currentPasswordMatches(CustomerId id, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        SignInThrottle.Counter account = SignInThrottle.account(id);
        throttle.reserve(account);
        if (password.length() > MAXIMUM_PASSWORD_LENGTH) {
            return false;
        }
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM customer.account WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
        boolean matches;
        try {
            matches = hash.isPresent() && passwords.matches(password, hash.get());
        } catch (AuthenticationServiceException e) {
            throttle.forgive(account);
            throw busy();
        }
        if (matches) {
            throttle.reset(account);
        } else {
            log.info("Wrong current password given for a customer account");
        }
        return matches;
    }

    private boolean emailTaken(EmailAddress email, CustomerId except) {
        return jdbc.sql("SELECT count(*) FROM customer.account WHERE lower(email) = lower(:email) AND id IS DISTINCT FROM :except")
                .param("email", email.value()).param("except", except == null ? null : except.value())
                .query(Long.class).single() > 0;
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            hash = passwords.encode(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }

    private static EmailAddress checkEmail(String email, List<InvalidCustomerDetails.Problem> problems) {
        if (email == null || !EmailAddress.isValid(email)) {
            problems.add(new InvalidCustomerDetails.Problem("email", "email.invalid"));
            return null;
        }
        return EmailAddress.of(email);
    }

    private static String checkName(String name, List<InvalidCustomerDetails.Problem> problems) {
        String stripped = name == null ? "" : name.strip().replaceAll("\\p{Cntrl}", "");
        if (stripped.isEmpty()) {
            problems.add(new InvalidCustomerDetails.Problem("name", "name.required"));
        } else if (stripped.length() > MAXIMUM_NAME_LENGTH) {
            problems.add(new InvalidCustomerDetails.Problem("name", "name.tooLong"));
        }
        return stripped;
    }

    private static void checkPassword(String password, String field, List<InvalidCustomerDetails.Problem> problems) {
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            problems.add(new InvalidCustomerDetails.Problem(field, "password.tooShort"));
        } else if (password.length() > MAXIMUM_PASSWORD_LENGTH) {
            problems.add(new InvalidCustomerDetails.Problem(field, "password.tooLong"));
        }
    }

    private static String wording(String wording) {
        return wording == null || wording.isBlank() ? "(not given)" : wording.strip();
    }

    private static Customer customer(ResultSet row, int rowNumber) throws SQLException {
        return new Customer(new CustomerId(row.getObject("id", UUID.class)), EmailAddress.of(row.getString("email")),
                row.getString("name"), Locale.forLanguageTag(row.getString("locale")), row.getBoolean("marketing_emails"),
                row.getTimestamp("created_at").toInstant());
    }
}
