package io.boucle.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.boucle.shared.EmailAddress;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@IntegrationTest
class StaffAccountsIntegrationTests {

    static final String PASSWORD = "correct-horse-battery";

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void newAccountIsWelcomedByEmailWithTheSignInAddressButNoPassword() {
        EmailAddress email = uniqueEmail();
        StaffAccount account = open(email);
        var message = jdbc.sql("SELECT template, recipient, subject, body_text FROM messaging.message WHERE reference = :ref")
                .param("ref", "staff:" + account.id()).query().singleRow();
        assertThat(message).containsEntry("template", "staff-welcome").containsEntry("recipient", email.value());
        assertThat((String) message.get("body_text")).contains("/admin/login").contains(email.value()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordsAreStoredAsArgon2Hashes() {
        StaffAccount account = open(uniqueEmail());
        String hash = jdbc.sql("SELECT password_hash FROM staff.account WHERE id = :id")
                .param("id", account.id().value()).query(String.class).single();
        assertThat(hash).startsWith("{argon2}").doesNotContain(PASSWORD);
    }

    @Test
    void apiTokensAreStoredOnlyAsASha256Digest() {
        IssuedApiToken issued = accounts.issueApiToken(open(uniqueEmail()).id(), "integration");
        String stored = jdbc.sql("SELECT token_hash FROM staff.api_token WHERE id = :id")
                .param("id", issued.id()).query(String.class).single();
        assertThat(stored).isEqualTo(sha256(issued.token()));
        assertThat(jdbc.sql("SELECT t::text FROM staff.api_token t").query(String.class).list())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).doesNotContain(issued.token()));
    }

    @Test
    void issuedTokensCarryThePrefixAndAreUnique() {
        StaffAccountId id = open(uniqueEmail()).id();
        IssuedApiToken first = accounts.issueApiToken(id, "first");
        IssuedApiToken second = accounts.issueApiToken(id, "second");
        assertThat(first.token()).startsWith("bcl_").hasSizeGreaterThan(40);
        assertThat(second.token()).startsWith("bcl_").isNotEqualTo(first.token());
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void passwordShorterThanTwelveCharactersIsRefused() {
        EmailAddress email = uniqueEmail();
        assertThatIllegalArgumentException().isThrownBy(() ->
                accounts.open(email, "Short", "elevenchars", Set.of(Role.SUPPORT), Locale.FRENCH));
        assertThat(accounts.findByEmail(email)).isEmpty();
        assertThat(accounts.open(email, "Exact", "twelve-chars", Set.of(Role.SUPPORT), Locale.FRENCH).email()).isEqualTo(email);
    }

    @Test
    void sameEmailInAnotherLetterCaseIsRefused() {
        EmailAddress email = uniqueEmail();
        open(email);
        EmailAddress shouted = EmailAddress.of(email.value().toUpperCase(Locale.ROOT));
        assertThat(shouted).isNotEqualTo(email);
        assertThatIllegalArgumentException().isThrownBy(() -> open(shouted));
    }

    @Test
    void accountWithoutRoleIsRefused() {
        EmailAddress email = uniqueEmail();
        assertThatIllegalArgumentException().isThrownBy(() ->
                accounts.open(email, "Nobody", PASSWORD, Set.of(), Locale.FRENCH));
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void registeringTheSameOperatorTokenTwiceKeepsOneRow() {
        StaffAccountId id = open(uniqueEmail()).id();
        String token = "bcl_operator_chosen_" + UUID.randomUUID();
        UUID first = accounts.registerApiToken(id, "operator", token);
        UUID second = accounts.registerApiToken(id, "operator again", token);
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM staff.api_token WHERE token_hash = :hash")
                .param("hash", sha256(token)).query(Long.class).single()).isEqualTo(1);
        assertThat(accounts.authenticateToken(token)).map(StaffAccount::id).hasValue(id);
    }

    @Test
    void findByEmailIgnoresLetterCase() {
        EmailAddress email = uniqueEmail();
        StaffAccount account = open(email);
        assertThat(accounts.findByEmail(EmailAddress.of(email.value().toUpperCase(Locale.ROOT))))
                .map(StaffAccount::id).hasValue(account.id());
    }

    private StaffAccount open(EmailAddress email) {
        return accounts.open(email, "Staff", PASSWORD, Set.of(Role.SUPPORT), Locale.FRENCH);
    }

    private static EmailAddress uniqueEmail() {
        return EmailAddress.of("staff-" + UUID.randomUUID() + "@boucle.test");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
