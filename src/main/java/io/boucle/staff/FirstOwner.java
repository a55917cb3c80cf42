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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new shop needs someone to sign in: when no staff account exists, an owner with every role is
 * opened from {@code BOUCLE_ADMIN_EMAIL}, {@code BOUCLE_ADMIN_PASSWORD} and
 * {@code BOUCLE_ADMIN_API_TOKEN}; what is not given is generated and printed once. Later starts
 * apply a given password or token to that account, which is how a lost password is reset.
 * {@code boucle.staff.first-owner=false} (the read-only {@code verify-invoice-chain} command) does neither.
 */
@Component
@ConditionalOnProperty(name = "boucle.staff.first-owner", havingValue = "true", matchIfMissing = true)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FirstOwner implements ApplicationRunner {

    static final String DEFAULT_EMAIL = "admin@boucle.local";
    static final String TOKEN_LABEL = "BOUCLE_ADMIN_API_TOKEN";
    private static final Logger log = LoggerFactory.getLogger(FirstOwner.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final StaffAccounts accounts;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final String email;
    private final String password;
    private final String apiToken;

    FirstOwner(StaffAccounts accounts, TransactionTemplate transactions, JdbcClient jdbc, @Value("${boucle.admin.email:}") String email,
            @Value("${boucle.admin.password:}") String password, @Value("${boucle.admin.api-token:}") String apiToken) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.email = email;
        this.password = password;
        this.apiToken = apiToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Nodes starting together on a new database take turns, so exactly one opens the account.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('boucle.staff.first-owner'))").query().singleRow();
            openOrUpdate();
        });
    }

    private void openOrUpdate() {
        EmailAddress address = EmailAddress.of(email.isBlank() ? DEFAULT_EMAIL : email);
        if (accounts.count() > 0) {
            accounts.findByEmail(address).ifPresentOrElse(owner -> {
                if (!password.isBlank()) {
                    accounts.changePassword(owner.id(), password);
                }
                if (!apiToken.isBlank() && !accounts.rotateApiToken(owner.id(), TOKEN_LABEL, apiToken)) {
                    log.warn("BOUCLE_ADMIN_API_TOKEN was revoked earlier and stays refused: choose a new one");
                }
            }, () -> {
                if (!password.isBlank() || !apiToken.isBlank()) {
                    log.warn("No staff account {}: BOUCLE_ADMIN_PASSWORD and BOUCLE_ADMIN_API_TOKEN were not applied", address);
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
            accounts.registerApiToken(owner.id(), TOKEN_LABEL, apiToken);
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
