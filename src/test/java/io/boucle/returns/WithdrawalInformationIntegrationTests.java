package io.boucle.returns;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** L221-20: the withdrawal information recorded per order, and the withdrawal period it extends. */
@IntegrationTest
class WithdrawalInformationIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";
    static final String OWNER = "Bearer " + StoreFixtures.OWNER_TOKEN;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Returns returns;

    @Autowired
    Orders orders;

    @Autowired
    StaffAccounts staff;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    StoreFixtures store;
    Http http;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
        http = new Http(port);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void theAcknowledgmentRecordsTheInformationAsGivenOnTheDayOfTheOrder() {
        String sku = store.product("info-ack", "15.00", 10);
        clock.set(Instant.parse("2026-02-27T09:00:00Z"));
        OrderView order = paid(sku);
        WithdrawalInformation information = await().atMost(Duration.ofSeconds(10))
                .until(() -> returns.withdrawalInformation(order.number()), found -> found.isPresent()).orElseThrow();
        assertThat(information.given()).isTrue();
        assertThat(information.givenOn()).isEqualTo(LocalDate.parse("2026-02-27"));
        assertThat(information.source()).isEqualTo("ORDER_ACKNOWLEDGMENT");
        delivered(order, "2026-03-02T15:00:00Z");
        assertThat(returns.withdrawalDeadline(order.number())).contains(LocalDate.parse("2026-03-16"));
    }

    @Test
    void withoutTheInformationTheWithdrawalPeriodIsExtendedByTwelveMonthsAndEndsFourteenDaysAfterItIsGiven() {
        String sku = store.product("info-ext", "19.00", 10);
        clock.set(Instant.parse("2026-02-27T09:00:00Z"));
        OrderView never = paid(sku);
        OrderView later = paid(sku);
        delivered(never, "2026-03-02T15:00:00Z");
        delivered(later, "2026-03-02T15:00:00Z");
        awaitAcknowledged(never);
        awaitAcknowledged(later);

        JsonNode recorded = store.read(put(never, "{\"given\": false, \"note\": \"form missing from the email\"}", OWNER));
        assertThat(recorded.get("given").asBoolean()).isFalse();
        assertThat(recorded.get("source").asString()).isEqualTo("STAFF");
        assertThat(recorded.get("withdrawalDeadline").asString()).isEqualTo("2027-03-16");
        assertThat(store.read(put(later, "{\"given\": false}", OWNER)).get("withdrawalDeadline").asString()).isEqualTo("2027-03-16");

        // Six months after receipt: still in time, the period having been extended.
        clock.set(Instant.parse("2026-09-01T10:00:00Z"));
        assertThat(returns.standing(never).canWithdraw()).isTrue();
        CustomerReturn withdrawal = returns.withdraw(never, ReturnRequest.everything(null), "WEB", null);
        assertThat(withdrawal.withdrawalDeadline()).isEqualTo(LocalDate.parse("2027-03-16"));

        // The information is given on 1 September: the period ends 14 days after.
        JsonNode given = store.read(put(later, "{\"given\": true, \"givenOn\": \"2026-09-01\"}", OWNER));
        assertThat(given.get("withdrawalDeadline").asString()).isEqualTo("2026-09-15");
        clock.set(Instant.parse("2026-09-15T21:59:00Z")); // 23:59 in Paris
        assertThat(returns.standing(later).canWithdraw()).isTrue();
        clock.set(Instant.parse("2026-09-15T22:00:01Z")); // 16 September in Paris
        assertThatThrownBy(() -> returns.withdraw(later, ReturnRequest.everything(null), "WEB", null))
                .isInstanceOfSatisfying(ReturnRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.PERIOD_OVER);
                    assertThat(e.getMessage()).contains("2026-09-15");
                });
        assertThat(returns.forOrders(List.of(later.number()))).as("nothing written").isEmpty();
    }

    @Test
    void badRecordsAreRefusedAndChangeNothing() {
        String sku = store.product("info-bad", "11.00", 10);
        OrderView order = paid(sku);
        awaitAcknowledged(order);
        WithdrawalInformation before = returns.withdrawalInformation(order.number()).orElseThrow();

        for (String body : List.of("{\"given\": true}", "{\"given\": false, \"givenOn\": \"2026-01-05\"}",
                "{\"given\": true, \"givenOn\": \"" + LocalDate.now(clock).plusDays(2) + "\"}",
                "{\"given\": true, \"givenOn\": \"2020-01-01\"}", "{\"note\": \"no given\"}")) {
            HttpResponse<String> refused = put(order, body, OWNER);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(returns.withdrawalInformation(order.number())).contains(before);
        assertThat(put(new OrderNumber("B2020-999999"), "{\"given\": false}", OWNER).statusCode()).isEqualTo(404);
        assertThat(put(order.number(), "{\"given\": false}", "Bearer " + staffToken(Role.ACCOUNTANT)).statusCode())
                .isEqualTo(403);
        assertThat(returns.withdrawalInformation(order.number())).contains(before);
    }

    @Test
    void supportRecordsOnTheOrderPageThatTheInformationWasNotGiven() {
        String sku = store.product("info-page", "13.00", 10);
        OrderView order = paid(sku);
        delivered(order, Instant.now(clock).toString());
        Http support = signedIn(Role.SUPPORT);
        String page = support.get("/admin/orders/" + order.number()).body();
        assertThat(page).contains("Information sur le droit de rétractation (L221-20)");
        HttpResponse<String> undated = support.postForm("/admin/orders/" + order.number() + "/withdrawal-information",
                Http.form("given", "yes", "givenOn", "", "note", "", "_csrf", Http.csrfToken(page)));
        assertThat(undated.statusCode()).isEqualTo(302);
        assertThat(support.get("/admin/orders/" + order.number()).body()).contains("Non enregistré");
        assertThat(returns.withdrawalInformation(order.number()).map(WithdrawalInformation::source)).isNotEqualTo(java.util.Optional.of("STAFF"));

        page = support.get("/admin/orders/" + order.number()).body();
        assertThat(support.postForm("/admin/orders/" + order.number() + "/withdrawal-information",
                Http.form("given", "no", "givenOn", "", "note", "sent without the form", "_csrf", Http.csrfToken(page)))
                .statusCode()).isEqualTo(302);
        assertThat(support.get("/admin/orders/" + order.number()).body())
                .contains("Non donnée : le délai de rétractation est prolongé de 12 mois").contains("sent without the form");
        LocalDate received = Instant.now(clock).atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate();
        assertThat(returns.withdrawalDeadline(order.number())).contains(WithdrawalPeriod.lastDay(received, null));
    }

    // Fixtures

    private HttpResponse<String> put(OrderView order, String body, String authorization) {
        return put(order.number(), body, authorization);
    }

    private HttpResponse<String> put(OrderNumber number, String body, String authorization) {
        return http.send(http.request("/api/v1/admin/orders/" + number + "/withdrawal-information")
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private OrderView paid(String sku) {
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        return await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                order -> order.paidAt() != null);
    }

    private void awaitAcknowledged(OrderView order) {
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.withdrawalInformation(order.number()).isPresent());
    }

    private void delivered(OrderView order, String at) {
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(order.number(), Instant.parse(at))));
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(order.number()).isPresent());
    }

    private Http signedIn(Role role) {
        Http browser = new Http(port);
        String email = "info-" + UUID.randomUUID() + "@boucle.test";
        staff.open(EmailAddress.of(email), "Staff", PASSWORD, EnumSet.of(role), Locale.FRENCH);
        String csrf = Http.csrfToken(browser.get("/admin/login").body());
        assertThat(browser.postForm("/admin/login", Http.form("username", email, "password", PASSWORD, "_csrf", csrf))
                .headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        return browser;
    }

    private String staffToken(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("info-api-" + UUID.randomUUID() + "@boucle.test"), "Staff " + role,
                PASSWORD, EnumSet.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }
}
