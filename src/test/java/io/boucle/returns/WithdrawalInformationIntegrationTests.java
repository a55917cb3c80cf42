package io.boucle.returns;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import io.boucle.test.StaffLogins;
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
    StaffLogins logins;
    ReturnFixtures fixtures;
    Http http;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
        logins = new StaffLogins(staff, port);
        fixtures = new ReturnFixtures(store, orders, returns, events, transactions);
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
        OrderView order = fixtures.paid(sku);
        WithdrawalInformation information = await().atMost(Duration.ofSeconds(10))
                .until(() -> returns.withdrawalInformation(order.number()), found -> found.isPresent()).orElseThrow();
        assertThat(information.given()).isTrue();
        assertThat(information.givenOn()).isEqualTo(LocalDate.parse("2026-02-27"));
        assertThat(information.source()).isEqualTo("ORDER_ACKNOWLEDGMENT");
        fixtures.delivered(order, Instant.parse("2026-03-02T15:00:00Z"));
        assertThat(returns.withdrawalDeadline(order.number())).contains(LocalDate.parse("2026-03-16"));
    }

    @Test
    void withoutTheInformationTheWithdrawalPeriodIsExtendedByTwelveMonthsAndEndsFourteenDaysAfterItIsGiven() {
        String sku = store.product("info-ext", "19.00", 10);
        clock.set(Instant.parse("2026-02-27T09:00:00Z"));
        OrderView never = fixtures.paid(sku);
        OrderView later = fixtures.paid(sku);
        fixtures.delivered(never, Instant.parse("2026-03-02T15:00:00Z"));
        fixtures.delivered(later, Instant.parse("2026-03-02T15:00:00Z"));
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
        OrderView order = fixtures.paid(sku);
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
        assertThat(put(order.number(), "{\"given\": false}", "Bearer " + logins.apiToken(Role.ACCOUNTANT)).statusCode())
                .isEqualTo(403);
        assertThat(returns.withdrawalInformation(order.number())).contains(before);
    }

    @Test
    void supportRecordsOnTheOrderPageThatTheInformationWasNotGiven() {
        String sku = store.product("info-page", "13.00", 10);
        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.now(clock));
        Http support = logins.signedIn(Role.SUPPORT);
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


    private void awaitAcknowledged(OrderView order) {
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.withdrawalInformation(order.number()).isPresent());
    }



}
