package io.boucle.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.shared.EmailAddress;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class CustomersIntegrationTests {

    static final String PASSWORD = "un mot de passe assez long";
    static final String WORDING = "J'accepte de recevoir les offres par e-mail.";

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    String id;

    @BeforeEach
    void setUp() {
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void signUpReportsEveryMistakeAtOnceAndWritesNothing() {
        assertThatThrownBy(() -> customers.signUp(new SignUp("not-an-address-" + id, "  ", "short", true, WORDING, Locale.FRENCH),
                client()))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems()).containsExactly(
                        new InvalidCustomerDetails.Problem("email", "email.invalid"),
                        new InvalidCustomerDetails.Problem("name", "name.required"),
                        new InvalidCustomerDetails.Problem("password", "password.tooShort")));
        assertThatThrownBy(() -> customers.signUp(new SignUp(email(), "Léa", "x".repeat(129), false, WORDING, Locale.FRENCH),
                client()))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                        .containsExactly(new InvalidCustomerDetails.Problem("password", "password.tooLong")));
        assertThat(jdbc.sql("SELECT count(*) FROM customer.account WHERE email LIKE :pattern")
                .param("pattern", "%" + id + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anAddressHasOneAccountWhateverItsCase() {
        customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());

        assertThatThrownBy(() -> customers.signUp(new SignUp(email().toUpperCase(Locale.ROOT), "Léa", PASSWORD, false, WORDING,
                Locale.FRENCH), client()))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                        .containsExactly(new InvalidCustomerDetails.Problem("email", "email.taken")));
        assertThat(jdbc.sql("SELECT count(*) FROM customer.account WHERE lower(email) = :email")
                .param("email", email()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void marketingConsentIsNotGivenUnlessTickedAndEveryAnswerIsKept() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        assertThat(customer.marketingEmails()).isFalse();

        customers.setMarketingEmails(customer.id(), true, WORDING, "account");
        customers.setMarketingEmails(customer.id(), true, WORDING, "account");

        assertThat(customers.find(customer.id()).orElseThrow().marketingEmails()).isTrue();
        List<Consent> history = customers.consents(customer.id());
        assertThat(history).extracting(Consent::granted, Consent::source, Consent::wording)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, "sign-up", WORDING),
                        org.assertj.core.groups.Tuple.tuple(true, "account", WORDING));
        assertThat(history).allSatisfy(consent -> assertThat(consent.recordedAt()).isNotNull());
    }

    @Test
    void signingUpIsAnnouncedAndWelcomed() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, true, WORDING, Locale.ENGLISH), client());

        await().atMost(Duration.ofSeconds(10)).until(() -> CustomerEventsProbe.RECEIVED.stream()
                .anyMatch(event -> event instanceof CustomerSignedUp signedUp && signedUp.customerId().equals(customer.id())
                        && signedUp.marketingEmails() && signedUp.locale().equals(Locale.ENGLISH)));
        assertThat(jdbc.sql("SELECT count(*) FROM messaging.message WHERE reference = :reference")
                .param("reference", "customer:" + customer.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRightPasswordSignsInAndAWrongOneOrAnUnknownAddressDoNot() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String client = client();

        assertThat(customers.authenticate(email().toUpperCase(Locale.ROOT), PASSWORD, client)).map(Customer::id).contains(customer.id());
        assertThat(customers.authenticate(email(), PASSWORD + "!", client)).isEmpty();
        assertThat(customers.authenticate("nobody-" + id + "@example.org", PASSWORD, client)).isEmpty();
    }

    @Test
    void fiveFailuresForAnAddressBlockItForFifteenMinutesEvenWithTheRightPassword() {
        customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        for (int i = 0; i < 5; i++) {
            assertThat(customers.authenticate(email(), "wrong password " + i, client())).isEmpty();
        }
        Instant start = clock.instant();
        try {
            assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client())).isInstanceOf(SignInThrottled.class);
            clock.advance(Duration.ofMinutes(14));
            assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client())).isInstanceOf(SignInThrottled.class);
            clock.advance(Duration.ofMinutes(2));
            assertThat(customers.authenticate(email(), PASSWORD, client())).isPresent();
        } finally {
            clock.set(start);
        }
    }

    @Test
    void parallelAttemptsForOneAccountGetNoMorePasswordChecksThanTheLimit() throws Exception {
        customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        int attempts = 30;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService guessers = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                // Each from its own client address, and the address typed in another case each time.
                String typed = i % 2 == 0 ? email() : email().toUpperCase(Locale.ROOT);
                String guess = "wrong password " + i;
                results.add(guessers.submit(() -> {
                    start.await();
                    try {
                        assertThat(customers.authenticate(typed, guess, client())).isEmpty();
                        return true;
                    } catch (SignInThrottled e) {
                        return false;
                    }
                }));
            }
            start.countDown();
        }
        int checked = 0;
        for (Future<Boolean> result : results) {
            checked += result.get() ? 1 : 0;
        }

        assertThat(checked).as("passwords checked").isEqualTo(SignInThrottle.MAX_FAILURES_PER_ACCOUNT);
        assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client())).isInstanceOf(SignInThrottled.class);
    }

    @Test
    void failuresCountForTheAccountWhateverCaseItsAddressIsTypedIn() {
        customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        List<String> typed = List.of(email(), email().toUpperCase(Locale.ROOT), "  Lea-" + id + "@Example.ORG ",
                "LEA-" + id + "@example.org", "lEa-" + id + "@EXAMPLE.org");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(customers.authenticate(typed.get(i), "wrong password " + i, client())).isEmpty();
        }

        assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client())).isInstanceOf(SignInThrottled.class);
    }

    @Test
    void anUnknownAddressIsThrottledLikeAKnownOne() {
        String unknown = "nobody-" + id + "@example.org";
        for (int i = 0; i < 5; i++) {
            assertThat(customers.authenticate(unknown, "wrong password " + i, client())).isEmpty();
        }
        assertThatThrownBy(() -> customers.authenticate(unknown, PASSWORD, client())).isInstanceOf(SignInThrottled.class);
    }

    @Test
    void aClientFailingForManyAddressesIsBlockedForAllOfThem() {
        customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String client = client();
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            assertThat(customers.authenticate("guess-" + i + "-" + id + "@example.org", "wrong", client)).isEmpty();
        }

        assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client)).isInstanceOf(SignInThrottled.class);
        assertThat(customers.authenticate(email(), PASSWORD, client())).as("from elsewhere").isPresent();
    }

    @Test
    void aNewAddressNeedsTheCurrentPassword() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String other = "other-" + id + "@example.org";

        assertThatThrownBy(() -> customers.changeDetails(customer.id(), "Léa Martin", other, "not the password"))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                        .containsExactly(new InvalidCustomerDetails.Problem("currentPassword", "currentPassword.wrong")));
        assertThat(customers.changeDetails(customer.id(), "Léa Martin", email(), null).name()).as("same address, no password")
                .isEqualTo("Léa Martin");

        Customer changed = customers.changeDetails(customer.id(), "Léa Martin", other, PASSWORD);

        assertThat(changed.email()).isEqualTo(EmailAddress.of(other));
        assertThat(customers.findByEmail(EmailAddress.of(email()))).isEmpty();
    }

    @Test
    void whetherAnotherAccountHasTheNewAddressIsToldOnlyWithTheRightPassword() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String taken = "taken-" + id + "@example.org";
        customers.signUp(new SignUp(taken, "Someone Else", PASSWORD, false, WORDING, Locale.FRENCH), client());
        InvalidCustomerDetails.Problem wrongPassword = new InvalidCustomerDetails.Problem("currentPassword", "currentPassword.wrong");

        assertThatThrownBy(() -> customers.changeDetails(customer.id(), "Léa", taken, "not the password"))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems()).containsExactly(wrongPassword));
        assertThatThrownBy(() -> customers.changeDetails(customer.id(), "Léa", "free-" + id + "@example.org", "not the password"))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems()).containsExactly(wrongPassword));
        assertThatThrownBy(() -> customers.changeDetails(customer.id(), "Léa", taken.toUpperCase(Locale.ROOT), PASSWORD))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                        .containsExactly(new InvalidCustomerDetails.Problem("email", "email.taken")));
        assertThat(customers.find(customer.id()).orElseThrow().email()).isEqualTo(EmailAddress.of(email()));
    }

    @Test
    void aNewPasswordNeedsTheCurrentOneAndReplacesIt() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String next = "another long enough password";

        assertThatThrownBy(() -> customers.changePassword(customer.id(), "wrong", next)).isInstanceOf(InvalidCustomerDetails.class);
        assertThatThrownBy(() -> customers.changePassword(customer.id(), PASSWORD, "short"))
                .isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                        .containsExactly(new InvalidCustomerDetails.Problem("password", "password.tooShort")));
        customers.changePassword(customer.id(), PASSWORD, next);

        assertThat(customers.authenticate(email(), PASSWORD, client())).isEmpty();
        assertThat(customers.authenticate(email(), next, client())).isPresent();
    }

    @Test
    void theCurrentPasswordCannotBeGuessedFasterThanAtSignIn() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        String other = "other-" + id + "@example.org";
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_ACCOUNT; i++) {
            String guess = "wrong password " + i;
            boolean details = i % 2 == 0;
            assertThatThrownBy(() -> {
                if (details) {
                    customers.changeDetails(customer.id(), "Léa", other, guess);
                } else {
                    customers.changePassword(customer.id(), guess, "another long enough password");
                }
            }).isInstanceOfSatisfying(InvalidCustomerDetails.class, e -> assertThat(e.problems())
                            .contains(new InvalidCustomerDetails.Problem("currentPassword", "currentPassword.wrong")));
        }

        Instant start = clock.instant();
        try {
            assertThatThrownBy(() -> customers.changePassword(customer.id(), PASSWORD, "another long enough password"))
                    .isInstanceOf(SignInThrottled.class);
            assertThatThrownBy(() -> customers.changeDetails(customer.id(), "Léa", other, PASSWORD)).isInstanceOf(SignInThrottled.class);
            assertThatThrownBy(() -> customers.authenticate(email(), PASSWORD, client())).as("the same count as sign-in")
                    .isInstanceOf(SignInThrottled.class);
            clock.advance(Duration.ofMinutes(16));
            assertThat(customers.authenticate(email(), PASSWORD, client())).as("the refused change changed nothing").isPresent();
            assertThat(customers.changeDetails(customer.id(), "Léa", other, PASSWORD).email()).isEqualTo(EmailAddress.of(other));
        } finally {
            clock.set(start);
        }
    }

    @Test
    void aRightCurrentPasswordStartsTheAccountsCountAgain() {
        Customer customer = customers.signUp(new SignUp(email(), "Léa Petit", PASSWORD, false, WORDING, Locale.FRENCH), client());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_ACCOUNT - 1; i++) {
                assertThatThrownBy(() -> customers.changePassword(customer.id(), "wrong password", PASSWORD))
                        .isInstanceOf(InvalidCustomerDetails.class);
            }
            customers.changePassword(customer.id(), PASSWORD, PASSWORD);
        }

        assertThat(customers.authenticate(email(), PASSWORD, client())).isPresent();
    }

    private String email() {
        return "lea-" + id + "@example.org";
    }

    /** A client address of its own for each call, so no test's failures block another's. */
    private static String client() {
        return "client-" + UUID.randomUUID();
    }
}
