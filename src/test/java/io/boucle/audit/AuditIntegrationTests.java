package io.boucle.audit;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.checkout.StoreFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.invoicing.MerchantSettings;
import io.boucle.inventory.Inventory;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log: written in the change's transaction, so a failed change leaves no row; read by owners. */
@IntegrationTest
class AuditIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    Audit audit;

    @Autowired
    Inventory inventory;

    @Autowired
    Catalog catalog;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JsonMapper json;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void refusesToRecordOutsideTheChangesTransaction() {
        assertThatThrownBy(() -> audit.record("test.nothing", "test", id, "no transaction"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aChangeRolledBackLeavesNoRowAndACommittedOneLeavesOne() {
        String sku = product();
        StaffAccount manager = actAs(Role.MANAGER);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            inventory.adjust(sku, 3, "delivery " + id);
            throw new IllegalStateException("something later in the same transaction failed");
        })).hasMessageContaining("failed");
        assertThat(entries(sku)).isEmpty();
        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(5);

        assertThatThrownBy(() -> inventory.adjust(sku, -50, "breakage")).isInstanceOf(io.boucle.shared.InvalidField.class);
        assertThat(entries(sku)).as("a refused change").isEmpty();

        inventory.adjust(sku, 3, "delivery " + id);
        List<AuditEntry> written = entries(sku);
        assertThat(written).singleElement().satisfies(entry -> {
            assertThat(entry.staffId()).isEqualTo(manager.id().value());
            assertThat(entry.staffEmail()).isEqualTo(manager.email().value());
            assertThat(entry.action()).isEqualTo("stock.adjust");
            assertThat(entry.targetType()).isEqualTo("sku");
            assertThat(entry.summary()).contains("+3", "delivery " + id);
            assertThat(entry.at()).isNotNull();
        });
    }

    @Test
    void workNoStaffMemberStartedIsNotRecorded() {
        String sku = product();
        inventory.adjust(sku, 1, "found in the back " + id);
        assertThat(entries(sku)).isEmpty();
    }

    @Test
    void apiListsTheLogToOwnersOnlyAndRecordsApiChangesWithTheClientAddress() {
        String sku = product();
        Http http = new Http(port);
        String manager = token(Role.MANAGER);
        HttpResponse<String> refused = http.postJson("/api/v1/admin/inventory/" + sku + "/adjustments",
                "{\"delta\": -40, \"reason\": \"breakage\"}", "Authorization", "Bearer " + manager);
        assertThat(refused.statusCode()).isEqualTo(400);
        HttpResponse<String> done = http.postJson("/api/v1/admin/inventory/" + sku + "/adjustments",
                "{\"delta\": -2, \"reason\": \"breakage " + id + "\"}", "Authorization", "Bearer " + manager);
        assertThat(done.statusCode()).isEqualTo(201);

        String owner = token(Role.OWNER);
        HttpResponse<String> log = http.get("/api/v1/admin/audit?targetType=sku&targetId=" + sku, "Authorization", "Bearer " + owner);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("\"total\":1", "\"action\":\"stock.adjust\"", "breakage " + id,
                "\"clientAddress\":\"127.0.0.1\"").doesNotContain("\"delta\": -40");
        assertThat(http.get("/api/v1/admin/audit?size=0", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/admin/audit?from=soon", "Authorization", "Bearer " + owner).statusCode()).isEqualTo(400);
        for (Role role : List.of(Role.MANAGER, Role.SUPPORT, Role.ACCOUNTANT)) {
            assertThat(http.get("/api/v1/admin/audit", "Authorization", "Bearer " + token(role)).statusCode())
                    .as(role.name()).isEqualTo(403);
        }
    }

    @Test
    void orderCancellationsPromotionsAndMerchantSettingsAreRecordedWithWhatChanged() {
        Http http = new Http(port);
        String manager = token(Role.MANAGER);
        StoreFixtures store = new StoreFixtures(http, json, catalog);
        String cart = store.readyCart(store.product("audit", "12.00", 3), 1);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "audit-" + id);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        assertThat(http.postJson("/api/v1/admin/orders/" + number + "/cancel", "{\"reason\": \"client a changé d'avis " + id + "\"}",
                "Authorization", "Bearer " + manager).statusCode()).isEqualTo(200);
        assertThat(audit.search(new AuditFilter(null, "order.cancel", "order", number, null, null), 0, 5).items())
                .singleElement().satisfies(entry -> assertThat(entry.summary()).contains("PAID → CANCELLED", "changé d'avis " + id));

        HttpResponse<String> promotion = http.postJson("/api/v1/admin/promotions",
                // A code, so the promotion applies only to carts that enter it, never to other tests' orders.
                "{\"code\": \"AUDIT-" + id.toUpperCase(java.util.Locale.ROOT) + "\", \"label\": \"Audit " + id
                        + "\", \"kind\": \"PERCENTAGE\", \"percent\": \"10\"}", "Authorization", "Bearer " + manager);
        assertThat(promotion.statusCode()).as(promotion.body()).isEqualTo(201);
        assertThat(audit.search(new AuditFilter(null, "promotion.create", "promotion", store.read(promotion).get("id").asString(),
                null, null), 0, 5).items()).singleElement().satisfies(entry -> assertThat(entry.summary()).contains("Audit " + id, "10 %"));

        actAs(Role.OWNER);
        MerchantSettings before = invoicing.merchantSettings();
        MerchantSettings changed = new MerchantSettings(before.legalName(), before.legalForm(), before.address(), before.siren(),
                before.siret(), before.vatNumber(), before.rcs(), before.shareCapital(), before.vatOnDebits(), "À réception " + id,
                before.paymentTermDays(), before.earlyPaymentDiscount(), before.latePaymentPenalties(), before.recoveryIndemnity(),
                before.invoicePrefix(), before.creditNotePrefix());
        try {
            invoicing.updateMerchantSettings(changed);
            assertThat(audit.search(new AuditFilter(null, "merchant-settings.update", null, null, null, null), 0, 50).items())
                    .anySatisfy(entry -> assertThat(entry.summary()).isEqualTo("paymentTerms = À réception " + id));
        } finally {
            invoicing.updateMerchantSettings(before);
        }
    }

    private List<AuditEntry> entries(String sku) {
        return audit.search(new AuditFilter(null, null, "sku", sku, null, null), 0, 10).items();
    }

    private StaffAccount actAs(Role role) {
        StaffAccount account = open(role);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(account.email().value(), null,
                List.of(new SimpleGrantedAuthority(role.authority())));
        authentication.setDetails(account);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return account;
    }

    private String token(Role role) {
        return accounts.issueApiToken(open(role).id(), "tests").token();
    }

    private StaffAccount open(Role role) {
        return accounts.open(EmailAddress.of("audit-" + UUID.randomUUID() + "@boucle.test"), "Staff", PASSWORD,
                EnumSet.of(role), Locale.FRENCH);
    }

    private String product() {
        String category = "audit-" + id;
        catalog.addCategory(category, null, 99, LocalizedText.of("Audit", "Audit"), LocalizedText.of("", ""));
        String sku = "AUDIT-" + id;
        catalog.add(new NewProduct("audit-" + id, category, null, "STANDARD", LocalizedText.of("Audit " + id, "Audit " + id),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, null, Money.euros("10.00"), 100, null)),
                List.of(), null, false, false));
        inventory.setOnHand(sku, 5);
        return sku;
    }
}
