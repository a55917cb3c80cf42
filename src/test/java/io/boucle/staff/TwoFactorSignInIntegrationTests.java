package io.boucle.staff;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.audit.Audit;
import io.boucle.audit.AuditFilter;
import io.boucle.shared.EmailAddress;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-step staff sign-in over HTTP: enrolment, the code after the password, recovery codes, lock-out, the owner's requirement. */
@IntegrationTest
class TwoFactorSignInIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";
    static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");
    static final Pattern RECOVERY = Pattern.compile(">([A-Z2-9]{5}-[A-Z2-9]{5})<");

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    Audit audit;

    @Autowired
    MutableClock clock;

    Instant start;

    @BeforeEach
    void remember() {
        start = clock.instant();
    }

    @AfterEach
    void restore() {
        clock.set(start);
        twoFactor.require(false);
    }

    @Test
    void signInAsksForTheCodeAcceptsItOnceAndTakesRecoveryCodesOnce() {
        StaffAccount account = open(Role.MANAGER, Locale.FRENCH);
        Http http = new Http(port);
        assertThat(passwordSignIn(http, account)).endsWith("/admin");
        Enrolled enrolled = enrol(http, account);
        assertThat(twoFactor.enabled(account.id())).isTrue();
        assertThat(twoFactor.recoveryCodesLeft(account.id())).isEqualTo(10);
        assertThat(audit.search(new AuditFilter(null, "staff.two-factor.enable", "staff", account.id().toString(), null, null), 0, 5)
                .total()).isEqualTo(1);

        Http next = new Http(port);
        assertThat(passwordSignIn(next, account)).endsWith("/admin/login/code");
        assertThat(next.get("/admin").headers().firstValue("Location").orElseThrow()).as("no page before the code")
                .endsWith("/admin/login/code");
        assertThat(next.get("/admin/orders").statusCode()).isEqualTo(302);
        assertThat(code(next, wrongCode(enrolled.secret()))).endsWith("/admin/login/code?error");
        assertThat(code(next, codeNow(enrolled.secret()))).as("the code used to enrol, again in its step")
                .endsWith("/admin/login/code?error");

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String fresh = codeNow(enrolled.secret());
        assertThat(code(next, fresh)).endsWith("/admin");
        assertThat(next.get("/admin").statusCode()).isEqualTo(200);
        assertThat(next.get("/admin/orders").statusCode()).isEqualTo(200);

        Http again = new Http(port);
        passwordSignIn(again, account);
        assertThat(code(again, fresh)).as("the same code in the same step").endsWith("/admin/login/code?error");
        assertThat(code(again, enrolled.recoveryCodes().getFirst().toLowerCase(Locale.ROOT))).endsWith("/admin");
        assertThat(again.get("/admin").statusCode()).isEqualTo(200);
        assertThat(twoFactor.recoveryCodesLeft(account.id())).isEqualTo(9);

        Http once = new Http(port);
        passwordSignIn(once, account);
        assertThat(code(once, enrolled.recoveryCodes().getFirst())).as("a recovery code works once").endsWith("?error");
        assertThat(code(once, enrolled.recoveryCodes().get(1))).endsWith("/admin");
    }

    @Test
    void wrongCodesLockTheAccountEvenWhenThePasswordIsTypedAgain() {
        StaffAccount account = open(Role.SUPPORT, Locale.FRENCH);
        Http http = new Http(port);
        passwordSignIn(http, account);
        Enrolled enrolled = enrol(http, account);
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));

        Http attacker = new Http(port);
        passwordSignIn(attacker, account);
        for (int i = 0; i < 3; i++) {
            assertThat(code(attacker, wrongCode(enrolled.secret()))).endsWith("/admin/login/code?error");
        }
        passwordSignIn(attacker, account);
        assertThat(code(attacker, wrongCode(enrolled.secret()))).endsWith("/admin/login/code?error");
        assertThat(code(attacker, wrongCode(enrolled.secret()))).as("fifth wrong code").endsWith("/admin/login?error");
        assertThat(attacker.get("/admin").headers().firstValue("Location").orElseThrow()).as("signed out").endsWith("/admin/login");
        assertThat(passwordSignIn(new Http(port), account)).as("locked, right password or not").endsWith("/admin/login?error");

        clock.advance(Duration.ofMinutes(16));
        Http later = new Http(port);
        assertThat(passwordSignIn(later, account)).endsWith("/admin/login/code");
        assertThat(code(later, codeNow(enrolled.secret()))).endsWith("/admin");
    }

    @Test
    void apiTokensNeedNoCode() {
        StaffAccount account = open(Role.ACCOUNTANT, Locale.FRENCH);
        Http http = new Http(port);
        passwordSignIn(http, account);
        enrol(http, account);
        String token = accounts.issueApiToken(account.id(), "tests").token();
        assertThat(http.get("/api/v1/admin/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void anOwnerRequiresTwoFactorOfEveryoneWhoThenEnrolsAtSignIn() {
        StaffAccount owner = open(Role.OWNER, Locale.FRENCH);
        Http ownerHttp = new Http(port);
        passwordSignIn(ownerHttp, owner);

        for (Role role : List.of(Role.MANAGER, Role.SUPPORT, Role.ACCOUNTANT)) {
            StaffAccount staff = open(role, Locale.FRENCH);
            Http staffHttp = new Http(port);
            passwordSignIn(staffHttp, staff);
            String page = staffHttp.get("/admin/account").body();
            assertThat(page).doesNotContain("/admin/account/two-factor/required");
            assertThat(staffHttp.postForm("/admin/account/two-factor/required",
                    Http.form("required", "true", "_csrf", Http.csrfToken(page))).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(twoFactor.required()).isFalse();

        String ownerPage = ownerHttp.get("/admin/account").body();
        assertThat(ownerHttp.postForm("/admin/account/two-factor/required",
                Http.form("required", "true", "_csrf", Http.csrfToken(ownerPage.substring(ownerPage.indexOf("/admin/account/two-factor/required")))))
                .statusCode()).isEqualTo(302);
        assertThat(twoFactor.required()).isTrue();

        StaffAccount newcomer = open(Role.MANAGER, Locale.FRENCH);
        Http http = new Http(port);
        assertThat(passwordSignIn(http, newcomer)).endsWith("/admin/login/enrol");
        assertThat(http.get("/admin/products").headers().firstValue("Location").orElseThrow()).endsWith("/admin/login/enrol");
        String enrolPage = http.get("/admin/login/enrol").body();
        Matcher secret = SECRET.matcher(enrolPage);
        assertThat(secret.find()).isTrue();
        HttpResponse<String> wrongCode = http.postForm("/admin/login/enrol",
                Http.form("code", wrongCode(secret.group(1)), "_csrf", Http.csrfToken(enrolPage)));
        assertThat(wrongCode.body()).contains("Code incorrect").contains(secret.group(1));
        HttpResponse<String> codes = http.postForm("/admin/login/enrol",
                Http.form("code", codeNow(secret.group(1)), "_csrf", Http.csrfToken(wrongCode.body())));
        assertThat(codes.statusCode()).isEqualTo(200);
        assertThat(RECOVERY.matcher(codes.body()).results().count()).isEqualTo(10);
        assertThat(http.get("/admin/products").statusCode()).isEqualTo(200);
        assertThat(audit.search(new AuditFilter(null, "staff.two-factor.require", null, null, null, null), 0, 5).items())
                .anySatisfy(entry -> assertThat(entry.staffEmail()).isEqualTo(owner.email().value()));
    }

    @Test
    void sessionsOpenWithoutTwoFactorWhenItBecomesRequiredMustEnrolBeforeAnythingElse() {
        StaffAccount without = open(Role.MANAGER, Locale.FRENCH);
        Http withoutHttp = new Http(port);
        passwordSignIn(withoutHttp, without);
        StaffAccount with = open(Role.MANAGER, Locale.FRENCH);
        Http withHttp = new Http(port);
        passwordSignIn(withHttp, with);
        enrol(withHttp, with);
        String accountPage = withoutHttp.get("/admin/account").body();
        assertThat(withoutHttp.get("/admin/products").statusCode()).isEqualTo(200);

        twoFactor.require(true);

        HttpResponse<String> products = withoutHttp.get("/admin/products");
        assertThat(products.statusCode()).isEqualTo(302);
        assertThat(products.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login/enrol");
        // a form of the old session is not served either
        HttpResponse<String> language = withoutHttp.postForm("/admin/account/language",
                Http.form("language", "en", "_csrf", Http.csrfToken(accountPage)));
        assertThat(language.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login/enrol");
        assertThat(accounts.find(without.id()).orElseThrow().locale()).isEqualTo(Locale.FRENCH);
        assertThat(withoutHttp.get("/admin").headers().firstValue("Location").orElseThrow()).endsWith("/admin/login/enrol");
        // the one with a second factor goes on
        assertThat(withHttp.get("/admin/products").statusCode()).isEqualTo(200);

        String enrolPage = withoutHttp.get("/admin/login/enrol").body();
        Matcher secret = SECRET.matcher(enrolPage);
        assertThat(secret.find()).isTrue();
        assertThat(withoutHttp.postForm("/admin/login/enrol", Http.form("code", codeNow(secret.group(1)), "_csrf",
                Http.csrfToken(enrolPage))).statusCode()).isEqualTo(200);
        assertThat(twoFactor.enabled(without.id())).isTrue();
        assertThat(withoutHttp.get("/admin/products").statusCode()).isEqualTo(200);
    }

    @Test
    void theBackOfficeSpeaksTheAccountsLanguageFromSignIn() {
        StaffAccount account = open(Role.MANAGER, Locale.ENGLISH);
        Http http = new Http(port);
        passwordSignIn(http, account);
        assertThat(http.get("/admin").body()).contains("Orders", "My account").doesNotContain("Commandes");
        String page = http.get("/admin/account").body();
        assertThat(http.postForm("/admin/account/language", Http.form("language", "fr", "_csrf", Http.csrfToken(page))).statusCode())
                .isEqualTo(302);
        assertThat(accounts.find(account.id()).orElseThrow().locale()).isEqualTo(Locale.FRENCH);
        assertThat(http.get("/admin").body()).contains("Commandes");
        assertThat(http.postForm("/admin/account/language", Http.form("language", "de", "_csrf", Http.csrfToken(page))).statusCode())
                .isEqualTo(400);

        Http elsewhere = new Http(port);
        passwordSignIn(elsewhere, account);
        assertThat(elsewhere.get("/admin").body()).as("on another browser").contains("Commandes");
        assertThat(audit.search(new AuditFilter(null, "staff.language", "staff", account.id().toString(), null, null), 0, 5).items())
                .singleElement().satisfies(entry -> assertThat(entry.summary()).isEqualTo("en → fr"));
    }

    record Enrolled(String secret, List<String> recoveryCodes) {
    }

    private Enrolled enrol(Http http, StaffAccount account) {
        String page = http.get("/admin/account").body();
        HttpResponse<String> started = http.postForm("/admin/account/two-factor", Http.form("_csrf", Http.csrfToken(
                page.substring(page.indexOf("/admin/account/two-factor\"")))));
        assertThat(started.statusCode()).isEqualTo(200);
        Matcher secret = SECRET.matcher(started.body());
        assertThat(secret.find()).isTrue();
        assertThat(started.body()).contains("otpauth://totp/Boucle%3A" + account.email().value().replace("@", "%40"));
        HttpResponse<String> wrongCode = http.postForm("/admin/account/two-factor/confirm",
                Http.form("code", wrongCode(secret.group(1)), "_csrf", Http.csrfToken(started.body())));
        assertThat(wrongCode.body()).contains("Code incorrect");
        assertThat(twoFactor.enabled(account.id())).isFalse();
        HttpResponse<String> confirmed = http.postForm("/admin/account/two-factor/confirm",
                Http.form("code", codeNow(secret.group(1)), "_csrf", Http.csrfToken(started.body())));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        RECOVERY.matcher(confirmed.body()).results().forEach(match -> codes.add(match.group(1)));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        return new Enrolled(secret.group(1), codes);
    }

    private String codeNow(String secret) {
        return Totp.code(Base32.decode(secret), Totp.step(clock.instant()));
    }

    /** A code that is none of the three the check accepts now. */
    private String wrongCode(String secret) {
        for (int candidate = 0; ; candidate += 7919) {
            String text = String.format("%06d", candidate % 1_000_000);
            if (Totp.matchingStep(Base32.decode(secret), text, clock.instant()) < 0) {
                return text;
            }
        }
    }

    private String code(Http http, String code) {
        String page = http.get("/admin/login/code").body();
        return http.postForm("/admin/login/code", Http.form("code", code, "_csrf", Http.csrfToken(page)))
                .headers().firstValue("Location").orElseThrow();
    }

    private String passwordSignIn(Http http, StaffAccount account) {
        String csrf = Http.csrfToken(http.get("/admin/login").body());
        return http.postForm("/admin/login", Http.form("username", account.email().value(), "password", PASSWORD, "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow();
    }

    private StaffAccount open(Role role, Locale locale) {
        return accounts.open(EmailAddress.of("two-factor-" + UUID.randomUUID() + "@boucle.test"), "Staff", PASSWORD,
                EnumSet.of(role), locale);
    }
}
