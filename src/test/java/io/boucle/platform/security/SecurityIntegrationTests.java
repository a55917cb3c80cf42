package io.boucle.platform.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.shared.EmailAddress;
import io.boucle.staff.IssuedApiToken;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SecurityIntegrationTests {

    static final String OWNER_EMAIL = "owner@boucle.test";
    static final String OWNER_PASSWORD = "owner-password-for-tests";
    static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // Back office: session sign-in

    @Test
    void anonymousVisitorOfTheBackOfficeIsSentToSignIn() {
        assertThat(redirectOf(http.get("/admin"))).isEqualTo("/admin/login");
    }

    @Test
    void signInPageCarriesACsrfToken() {
        HttpResponse<String> page = http.get("/admin/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/admin/login\"");
        assertThat(Http.csrfToken(page.body())).isNotBlank();
    }

    @Test
    void rightPasswordLandsOnTheDashboard() {
        assertThat(redirectOf(signIn(http, OWNER_EMAIL, OWNER_PASSWORD))).isEqualTo("/admin");
        HttpResponse<String> dashboard = http.get("/admin");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Tableau de bord").contains("Bonjour " + OWNER_EMAIL);
    }

    @Test
    void signInSessionIsKeptInPostgresSoAnyNodeCanServeIt() {
        String email = openStaff(Role.SUPPORT);
        assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin");
        assertThat(jdbc.sql("SELECT count(*) FROM platform.spring_session WHERE principal_name = :email")
                .param("email", email).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() {
        http.get("/admin/login");
        HttpResponse<String> answer = http.postForm("/admin/login", Http.form("username", OWNER_EMAIL, "password", OWNER_PASSWORD));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(redirectOf(http.get("/admin"))).isEqualTo("/admin/login");
    }

    @Test
    void wrongPasswordReturnsToSignInWithAnError() {
        String email = openStaff(Role.SUPPORT);
        assertThat(redirectOf(signIn(http, email, "not-the-right-password"))).isEqualTo("/admin/login?error");
        assertThat(redirectOf(http.get("/admin"))).isEqualTo("/admin/login");
    }

    @Test
    void lockedAccountRefusesEvenTheRightPassword() {
        String email = openStaff(Role.SUPPORT);
        lockOut(email);
        assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin/login?error");
    }

    @Test
    void addressWithAnInvisibleUnicodeSpaceIsNotTheAccount() {
        String email = openStaff(Role.SUPPORT);
        assertThat(redirectOf(signIn(http, email + "\u2003", PASSWORD))).isEqualTo("/admin/login?error");
        assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin");
    }

    @Test
    void anonymousVisitsCreateNoSession() {
        http.get("/admin/login");
        http.get("/admin");
        http.get("/");
        assertThat(jdbc.sql("SELECT count(*) FROM platform.spring_session WHERE principal_name IS NULL")
                .query(Long.class).single()).isZero();
    }

    @Test
    void changingThePasswordEndsTheAccountsSessions() {
        String email = openStaff(Role.SUPPORT);
        assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin");
        assertThat(http.get("/admin").statusCode()).isEqualTo(200);
        accounts.changePassword(accounts.findByEmail(EmailAddress.of(email)).orElseThrow().id(), "another-long-password");
        assertThat(redirectOf(http.get("/admin"))).isEqualTo("/admin/login");
    }

    @Test
    void fewerThanFiveWrongPasswordsInARowDoNotLock() {
        String email = openStaff(Role.SUPPORT);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(redirectOf(signIn(new Http(port), email, "wrong-password-" + i))).isEqualTo("/admin/login?error");
            }
            // A successful sign-in starts the count again, so the second round does not lock either.
            assertThat(redirectOf(signIn(new Http(port), email, PASSWORD))).isEqualTo("/admin");
        }
    }

    @Test
    void lockEndsAfterFifteenMinutes() {
        String email = openStaff(Role.SUPPORT);
        lockOut(email);
        Instant lockedAt = clock.instant();
        try {
            clock.advance(Duration.ofMinutes(14));
            assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin/login?error");
            clock.advance(Duration.ofMinutes(2));
            assertThat(redirectOf(signIn(http, email, PASSWORD))).isEqualTo("/admin");
            assertThat(http.get("/admin").statusCode()).isEqualTo(200);
        } finally {
            clock.set(lockedAt);
        }
    }

    @Test
    void signingOutEndsTheSession() {
        signIn(http, OWNER_EMAIL, OWNER_PASSWORD);
        String csrf = Http.csrfToken(http.get("/admin").body());
        assertThat(redirectOf(http.postForm("/admin/logout", Http.form("_csrf", csrf)))).isEqualTo("/admin/login?logout");
        assertThat(redirectOf(http.get("/admin"))).isEqualTo("/admin/login");
    }

    @Test
    void accountantIsRefusedTheMessageLogWhichAnOwnerMayRead() {
        Http accountant = new Http(port);
        assertThat(redirectOf(signIn(accountant, openStaff(Role.ACCOUNTANT), PASSWORD))).isEqualTo("/admin");
        assertThat(accountant.get("/admin").statusCode()).isEqualTo(200);
        assertThat(accountant.get("/admin/messages").statusCode()).isEqualTo(403);

        Http owner = new Http(port);
        assertThat(redirectOf(signIn(owner, openStaff(Role.OWNER), PASSWORD))).isEqualTo("/admin");
        assertThat(owner.get("/admin/messages").statusCode()).isEqualTo(200);
    }

    // API and operations: bearer tokens

    @Test
    void apiWithoutTokenIsUnauthorizedWithABearerChallenge() {
        HttpResponse<String> answer = http.get("/api/v1/admin/me");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":401");
    }

    @Test
    void apiWithWrongTokenIsUnauthorized() {
        HttpResponse<String> answer = http.get("/api/v1/admin/me", "Authorization", "Bearer bcl_this_token_was_never_issued_0000");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void ownerTokenIdentifiesTheOwnerAndTheirRoles() {
        HttpResponse<String> answer = http.get("/api/v1/admin/me", "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"email\":\"" + OWNER_EMAIL + "\"")
                .contains("\"roles\":[\"ACCOUNTANT\",\"MANAGER\",\"OWNER\",\"SUPPORT\"]");
    }

    @Test
    void revokedTokenIsRefused() {
        StaffAccount account = accounts.findByEmail(EmailAddress.of(openStaff(Role.SUPPORT))).orElseThrow();
        IssuedApiToken token = accounts.issueApiToken(account.id(), "soon revoked");
        assertThat(http.get("/api/v1/admin/me", "Authorization", "Bearer " + token.token()).statusCode()).isEqualTo(200);

        accounts.revokeApiToken(token.id());

        assertThat(http.get("/api/v1/admin/me", "Authorization", "Bearer " + token.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsPublicAndUp() {
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metricsNeedAStaffToken() {
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = http.get("/actuator/prometheus", "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_");
    }

    @Test
    void metricsAreForbiddenToAnAccountantToken() {
        StaffAccount accountant = accounts.findByEmail(EmailAddress.of(openStaff(Role.ACCOUNTANT))).orElseThrow();
        String token = accounts.issueApiToken(accountant.id(), "accountant").token();
        HttpResponse<String> answer = http.get("/actuator/prometheus", "Authorization", "Bearer " + token);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    // Helpers

    /** Opens a staff account of its own for one test, so no test can lock out another's. */
    private String openStaff(Role... roles) {
        String email = "staff-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Staff", PASSWORD, EnumSet.copyOf(List.of(roles)), Locale.FRENCH);
        return email;
    }

    private void lockOut(String email) {
        for (int i = 0; i < 5; i++) {
            assertThat(redirectOf(signIn(http, email, "wrong-password-" + i))).isEqualTo("/admin/login?error");
        }
    }

    private static HttpResponse<String> signIn(Http http, String email, String password) {
        String csrf = Http.csrfToken(http.get("/admin/login").body());
        return http.postForm("/admin/login", Http.form("username", email, "password", password, "_csrf", csrf));
    }

    /** Where a redirect points, without scheme and host. */
    private static String redirectOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }
}
