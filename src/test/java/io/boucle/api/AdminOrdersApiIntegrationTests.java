package io.boucle.api;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.inventory.Inventory;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class AdminOrdersApiIntegrationTests {

    static final String OWNER = "Bearer " + StoreFixtures.OWNER_TOKEN;
    static final String PATH = "/api/v1/admin/orders";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Http http;
    StoreFixtures store;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void listsOrdersNewestFirstByStatusDatesAndText() {
        clock.set(Instant.parse("2024-03-04T09:00:00Z"));
        String sku = store.product("liste", "20.00", 10);
        String first = number(place(sku, "tok_visa"));
        clock.set(Instant.parse("2024-03-06T23:30:00Z")); // already 7 March in Paris
        String declined = number(place(sku, "tok_declined"));
        clock.advance(Duration.ofMinutes(5));
        String cancelled = number(place(sku, "tok_visa"));
        assertThat(cancel(cancelled, "Rupture chez le fournisseur", OWNER).statusCode()).isEqualTo(200);

        JsonNode all = list("?q=" + store.id);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(numbers(all)).containsExactly(cancelled, declined, first);
        JsonNode newest = all.get("items").get(0);
        assertThat(newest.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(newest.get("paymentStatus").asString()).isEqualTo("REFUNDED");
        assertThat(newest.get("email").asString()).isEqualTo("buyer-" + store.id + "@example.org");
        assertThat(newest.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(all.get("items").get(1).get("paymentStatus").asString()).isEqualTo("FAILED");
        assertThat(all.get("items").get(2).get("paymentStatus").asString()).isEqualTo("CAPTURED");

        assertThat(numbers(list("?q=" + store.id + "&status=AWAITING_PAYMENT"))).containsExactly(declined);
        assertThat(numbers(list("?q=" + store.id + "&from=2024-03-05&to=2024-03-07"))).containsExactly(cancelled, declined);
        assertThat(numbers(list("?q=" + store.id + "&to=2024-03-06"))).containsExactly(first);
        assertThat(numbers(list("?q=" + first.substring(6)))).contains(first).doesNotContain(declined, cancelled);
        JsonNode paged = list("?q=" + store.id + "&size=2&page=1");
        assertThat(numbers(paged)).containsExactly(first);
        assertThat(paged.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void badFiltersAre400() {
        assertField(http.get(PATH + "?status=LOST", "Authorization", OWNER), "status");
        assertField(http.get(PATH + "?from=yesterday", "Authorization", OWNER), "from");
        assertField(http.get(PATH + "?from=2024-03-05&to=2024-03-01", "Authorization", OWNER), "to");
        assertField(http.get(PATH + "?size=0", "Authorization", OWNER), "size");
        assertField(http.get(PATH + "?size=101", "Authorization", OWNER), "size");
    }

    @Test
    void theFullOrderHasItsPaymentsEmailsAndTimelineInOrder() {
        String sku = store.product("detail", "42.00", 3);
        JsonNode placed = place(sku, "tok_declined");
        String number = number(placed);
        String token = placed.get("order").get("accessToken").asString();
        HttpResponse<String> retried = http.postJson("/api/v1/orders/" + number + "/payments?accessToken=" + token,
                "{\"payment\": {\"method\": \"card\", \"token\": \"tok_3ds\"}}", "Idempotency-Key", "3ds-" + store.id);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        String challenge = store.read(retried).get("payment").get("nextAction").get("redirectUrl").asString();
        String page = http.get(challenge).body();
        http.postForm(challenge, Http.form("_csrf", Http.csrfToken(page), "action", "complete"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode order = get(number);
            assertThat(order.get("order").get("status").asString()).isEqualTo("PAID");
            assertThat(kinds(order)).contains("EMAIL");
        });
        JsonNode full = get(number);

        JsonNode order = full.get("order");
        assertThat(order.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(order.get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("20");
        assertThat(order.get("shippingAddress").get("city").asString()).isEqualTo("Paris");
        assertThat(order.get("delivery").get("estimatedDelivery").get("from").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(order.has("accessToken") && !order.get("accessToken").isNull()).as("the buyer's token is not shown").isFalse();
        JsonNode payments = full.get("payments");
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(payments.get(0).get("declineCode").asString()).isEqualTo("card_declined");
        assertThat(payments.get(0).get("challenged").asBoolean()).isFalse();
        assertThat(payments.get(1).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(payments.get(1).get("challenged").asBoolean()).isTrue();
        assertThat(payments.get(1).get("cardLast4").asString()).isEqualTo("3184");
        assertThat(full.get("emails").get(0).get("subject").asString()).contains(number);
        assertThat(full.get("cancellable").asBoolean()).isTrue();
        assertThat(full.get("refundDue").isNull()).isTrue();

        List<String> kinds = kinds(full);
        assertThat(kinds).containsSubsequence("PLACED", "PAYMENT", "PAYMENT", "PAID");
        assertThat(kinds).doesNotContain("PAYMENT_FAILED", "CANCELLED", "REFUND");
        JsonNode timeline = full.get("timeline");
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(Instant.parse(timeline.get(i).get("at").asString()))
                    .isAfterOrEqualTo(Instant.parse(timeline.get(i - 1).get("at").asString()));
        }
        JsonNode declinedAttempt = event(full, "PAYMENT", 0);
        assertThat(declinedAttempt.get("status").asString()).isEqualTo("FAILED");
        assertThat(declinedAttempt.get("code").asString()).isEqualTo("card_declined");
        assertThat(declinedAttempt.get("detail").asString()).isEqualTo("visa •••• 0002");
        assertThat(event(full, "PLACED", 0).get("amount").get("amount").asString())
                .isEqualTo(order.get("totals").get("total").get("amount").asString());
    }

    @Test
    void cancellingAPaidOrderRefundsItOnceAndGivesTheStockBack() {
        String sku = store.product("annule", "25.00", 4);
        String number = number(place(sku, "tok_visa"));
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(3);

        HttpResponse<String> cancelled = cancel(number, "Client injoignable", OWNER);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode body = json.readTree(cancelled.body());
        assertThat(body.get("order").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(body.get("order").get("cancelReason").asString()).isEqualTo("Client injoignable");
        assertThat(body.get("refunds")).hasSize(1);
        assertThat(body.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(body.get("refunds").get(0).get("amount").get("amount").asString())
                .isEqualTo(body.get("order").get("totals").get("total").get("amount").asString());
        assertThat(body.get("payments").get(0).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(body.get("cancellable").asBoolean()).isFalse();
        assertThat(kinds(body)).containsSubsequence("PAID", "CANCELLED", "REFUND");
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(4);

        HttpResponse<String> again = cancel(number, "Client injoignable", OWNER);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        JsonNode problem = json.readTree(again.body());
        assertThat(problem.get("detail").asString()).contains("already cancelled");
        assertThat(problem.get("orderStatus").asString()).isEqualTo("CANCELLED");
        assertThat(refunds(number)).isEqualTo(1);
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).as("restocked once").isEqualTo(4);
    }

    @Test
    void anOrderThatShippedCannotBeCancelled() {
        String sku = store.product("parti", "18.00", 2);
        String number = number(place(sku, "tok_visa"));
        jdbc.sql("UPDATE orders.customer_order SET status = 'SHIPPED' WHERE number = :number").param("number", number).update();

        HttpResponse<String> refused = cancel(number, "Trop tard", OWNER);

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("orderStatus").asString()).isEqualTo("SHIPPED");
        assertThat(problem.get("detail").asString()).contains("can no longer be cancelled");
        assertThat(status(number)).isEqualTo("SHIPPED");
        assertThat(refunds(number)).isZero();
    }

    @Test
    void aRefusedRefundIsA502AndCancellingAgainTriesItAgain() {
        String sku = store.product("refus", "33.00", 2);
        String number = number(place(sku, "tok_refund_fails"));

        HttpResponse<String> cancelled = cancel(number, "Erreur de prix", OWNER);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(502);
        JsonNode problem = json.readTree(cancelled.body());
        assertThat(problem.get("detail").asString()).contains("is cancelled").contains("expired_or_canceled_card");
        assertThat(problem.get("orderStatus").asString()).isEqualTo("CANCELLED");
        assertThat(problem.get("refundDue").get("amount").asString()).isNotBlank();
        assertThat(status(number)).isEqualTo("CANCELLED");
        JsonNode order = get(number);
        assertThat(order.get("refundDue").get("amount").asString()).isEqualTo(problem.get("refundDue").get("amount").asString());
        assertThat(order.get("refunds").get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(order.get("refunds").get(0).get("failure").asString()).isEqualTo("expired_or_canceled_card");
        assertThat(event(order, "REFUND", 0).get("status").asString()).isEqualTo("FAILED");

        HttpResponse<String> retried = cancel(number, "Erreur de prix", OWNER);

        assertThat(retried.statusCode()).isEqualTo(502);
        assertThat(refunds(number)).as("a second try, not a second refund").isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM payment.refund r JOIN payment.payment p ON p.id = r.payment_id
                        WHERE p.reference = :number AND r.status = 'SUCCEEDED'""")
                .param("number", number).query(Long.class).single()).isZero();
    }

    @Test
    void aCancellationNeedsAReasonAndChangesNothingWithout() {
        String sku = store.product("motif", "12.00", 2);
        String number = number(place(sku, "tok_visa"));

        HttpResponse<String> blank = cancel(number, "  ", OWNER);
        HttpResponse<String> none = http.postJson(PATH + "/" + number + "/cancel", "{}", "Authorization", OWNER);

        assertField(blank, "reason");
        assertField(none, "reason");
        assertThat(status(number)).isEqualTo("PAID");
        assertThat(refunds(number)).isZero();
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(1);
    }

    @Test
    void everyEndpointNeedsAStaffTokenAndOnlyOwnersAndManagersCancel() {
        String sku = store.product("droits", "10.00", 2);
        String number = number(place(sku, "tok_visa"));
        String support = "Bearer " + token(Role.SUPPORT);
        String accountant = "Bearer " + token(Role.ACCOUNTANT);
        String manager = "Bearer " + token(Role.MANAGER);

        assertThat(http.get(PATH).statusCode()).isEqualTo(401);
        assertThat(http.get(PATH + "/" + number).statusCode()).isEqualTo(401);
        assertThat(http.postJson(PATH + "/" + number + "/cancel", "{\"reason\": \"x\"}").statusCode()).isEqualTo(401);
        assertThat(http.get(PATH, "Authorization", "Bearer bcl_not_a_token_0123456789abcdef").statusCode()).isEqualTo(401);

        assertThat(http.get(PATH + "?q=" + store.id, "Authorization", support).statusCode()).isEqualTo(200);
        assertThat(http.get(PATH + "/" + number, "Authorization", accountant).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = cancel(number, "Pas mon rôle", support);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(cancel(number, "Pas mon rôle", accountant).statusCode()).isEqualTo(403);
        assertThat(status(number)).isEqualTo("PAID");

        assertThat(cancel(number, "Demande du client", manager).statusCode()).isEqualTo(200);
        assertThat(http.get(PATH + "/B2099-999999", "Authorization", OWNER).statusCode()).isEqualTo(404);
        assertThat(http.get(PATH + "/not-a-number", "Authorization", OWNER).statusCode()).isEqualTo(404);
    }

    private JsonNode place(String sku, String cardToken) {
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> placed = store.checkout(cart, cardToken, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return store.read(placed);
    }

    private static String number(JsonNode placed) {
        return placed.get("order").get("number").asString();
    }

    private HttpResponse<String> cancel(String number, String reason, String authorization) {
        return http.postJson(PATH + "/" + number + "/cancel", "{\"reason\": \"" + reason + "\"}", "Authorization", authorization);
    }

    private JsonNode list(String query) {
        HttpResponse<String> answer = http.get(PATH + query, "Authorization", OWNER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private JsonNode get(String number) {
        HttpResponse<String> answer = http.get(PATH + "/" + number, "Authorization", OWNER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }

    private static List<String> kinds(JsonNode order) {
        List<String> kinds = new ArrayList<>();
        order.get("timeline").forEach(event -> kinds.add(event.get("kind").asString()));
        return kinds;
    }

    private static JsonNode event(JsonNode order, String kind, int index) {
        List<JsonNode> found = new ArrayList<>();
        order.get("timeline").forEach(event -> {
            if (event.get("kind").asString().equals(kind)) {
                found.add(event);
            }
        });
        return found.get(index);
    }

    private String status(String number) {
        return jdbc.sql("SELECT status FROM orders.customer_order WHERE number = :number").param("number", number)
                .query(String.class).single();
    }

    private long refunds(String number) {
        return jdbc.sql("""
                        SELECT count(*) FROM payment.refund r JOIN payment.payment p ON p.id = r.payment_id
                        WHERE p.reference = :number""")
                .param("number", number).query(Long.class).single();
    }

    private void assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        List<String> fields = new ArrayList<>();
        json.readTree(answer.body()).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains(field);
    }

    private String token(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("orders-" + store.id + "-" + role.name().toLowerCase(Locale.ROOT)
                + "@boucle.test"), "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }
}
