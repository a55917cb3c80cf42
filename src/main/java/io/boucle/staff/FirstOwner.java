package io.boucle.staff;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Locale;

import io.boucle.shared.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A new shop needs someone to sign in: when no staff account exists, an owner with every role is
 * opened from {@code BOUCLE_ADMIN_EMAIL}, {@code BOUCLE_ADMIN_PASSWORD} and
 * {@code BOUCLE_ADMIN_API_TOKEN}; what is not given is generated and printed once. Later starts
 * apply a given password or token to that account, which is how a lost password is reset.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstOwner implements ApplicationRunner {

    static final String DEFAULT_EMAIL = "admin@boucle.local";
    private static final Logger log = LoggerFactory.getLogger(FirstOwner.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final StaffAccounts accounts;
    private final String email;
    private final String password;
    private final String apiToken;

    FirstOwner(StaffAccounts accounts, @Value("${boucle.admin.email:}") String email,
            @Value("${boucle.admin.password:}") String password, @Value("${boucle.admin.api-token:}") String apiToken) {
        this.accounts = accounts;
        this.email = email;
        this.password = password;
        this.apiToken = apiToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        EmailAddress address = EmailAddress.of(email.isBlank() ? DEFAULT_EMAIL : email);
        if (accounts.count() > 0) {
            accounts.findByEmail(address).ifPresent(owner -> {
                if (!password.isBlank()) {
                    accounts.changePassword(owner.id(), password);
                }
                if (!apiToken.isBlank()) {
                    accounts.registerApiToken(owner.id(), "BOUCLE_ADMIN_API_TOKEN", apiToken);
                }
            });
            return;
        }
        String chosenPassword = password.isBlank() ? randomPassword() : password;
        StaffAccount owner = accounts.open(address, "Owner", chosenPassword, EnumSet.allOf(Role.class), Locale.FRENCH);
        String token = apiToken.isBlank()
                ? accounts.issueApiToken(owner.id(), "first owner").token()
                : apiToken;
        if (!apiToken.isBlank()) {
            accounts.registerApiToken(owner.id(), "BOUCLE_ADMIN_API_TOKEN", apiToken);
        }
        StringBuilder banner = new StringBuilder("\n\n  Staff account opened for the back office (/admin), shown only this once:\n")
                .append("    email:     ").append(address).append('\n');
        if (password.isBlank()) {
            banner.append("    password:  ").append(chosenPassword).append('\n');
        }
        if (apiToken.isBlank()) {
            banner.append("    API token: ").append(token).append('\n');
        }
        banner.append("  Set BOUCLE_ADMIN_PASSWORD on a later start to choose a new password.\n");
        log.warn(banner.toString());
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
