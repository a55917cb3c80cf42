package io.boucle.test;

import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/** New staff members for a test: signed in to the back office, or holding an API token. */
public final class StaffLogins {

    public static final String PASSWORD = "a-long-enough-password";

    private final StaffAccounts staff;
    private final int port;

    public StaffLogins(StaffAccounts staff, int port) {
        this.staff = staff;
        this.port = port;
    }

    /** A browser signed in to the back office as a new staff member with this role. */
    public Http signedIn(Role role) {
        Http browser = new Http(port);
        signIn(browser, role);
        return browser;
    }

    /** Signs {@code browser} in to the back office as a new staff member with this role, whose account this is. */
    public StaffAccount signIn(Http browser, Role role) {
        String email = "staff-" + UUID.randomUUID() + "@boucle.test";
        StaffAccount account = staff.open(EmailAddress.of(email), "Staff", PASSWORD, EnumSet.of(role), Locale.FRENCH);
        String csrf = Http.csrfToken(browser.get("/admin/login").body());
        assertThat(browser.postForm("/admin/login", Http.form("username", email, "password", PASSWORD, "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        return account;
    }

    /** An admin API token of a new staff member with this role. */
    public String apiToken(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("staff-api-" + UUID.randomUUID() + "@boucle.test"), "Staff " + role,
                PASSWORD, EnumSet.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }
}
