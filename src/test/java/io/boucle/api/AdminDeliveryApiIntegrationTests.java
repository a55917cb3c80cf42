package io.boucle.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryMethod;
import io.boucle.fulfilment.Parcel;
import io.boucle.fulfilment.TestDeliveryMethods;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminDeliveryApiIntegrationTests {

    static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";
    static final String METHODS = "/api/v1/admin/delivery-methods";
    /** Tuesday 3 March 2026, 10:00 in Paris. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-03-03T09:00:00Z");
    static final CountryCode ICELAND = CountryCode.of(TestDeliveryMethods.COUNTRY);

    @LocalServerPort
    int port;

    @Autowired
    Delivery delivery;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationContext context;

    Http http;

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String code = "t-" + id;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestDeliveryMethods.create(context, code);
    }

    @AfterEach
    void removeTestMethod() {
        TestDeliveryMethods.delete(context, code);
    }

    @Test
    void ownerAndManagerListTheDeliveryMethods() {
        for (String token : List.of(OWNER_TOKEN, staffToken(Role.MANAGER))) {
            HttpResponse<String> answer = http.get(METHODS, "Authorization", "Bearer " + token);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode methods = json.readTree(answer.body());
            List<String> codes = new ArrayList<>();
            methods.forEach(method -> codes.add(method.get("code").asString()));
            assertThat(codes).startsWith("home", "relay", "collect", "express").contains(code);
            JsonNode home = methods.get(0);
            assertThat(home.get("kind").asString()).isEqualTo("HOME");
            assertThat(home.get("label").get("fr").asString()).isEqualTo("Livraison à domicile");
            assertThat(home.get("carrier").asString()).isEqualTo("Colissimo");
            assertThat(home.get("countries").get(0).asString()).isEqualTo("FR");
            assertThat(home.get("freeAbove").get("amount").asString()).isEqualTo("60.00");
            assertThat(home.get("cutOff").asString()).isEqualTo("14:00");
            assertThat(home.get("saturdayDelivery").asBoolean()).isTrue();
            JsonNode firstBand = home.get("priceBands").get(0);
            assertThat(firstBand.get("country").asString()).isEqualTo("FR");
            assertThat(firstBand.get("maxWeightGrams").asInt()).isEqualTo(500);
            assertThat(firstBand.get("price").get("amount").asString()).isEqualTo("4.95");
            assertThat(methods.get(1).get("pickupPointRequired").asBoolean()).isTrue();
        }
    }

    @Test
    void onlyOwnersAndManagersMayReadOrChangeThem() {
        assertProblem(http.get(METHODS), 401);
        assertProblem(http.get(METHODS, "Authorization", "Bearer bcl_not_a_token_of_anyone_0000000"), 401);
        for (Role role : List.of(Role.SUPPORT, Role.ACCOUNTANT)) {
            String token = staffToken(role);
            assertProblem(http.get(METHODS, "Authorization", "Bearer " + token), 403);
            assertProblem(put(METHODS + "/" + code, update("5.00", "FR"), token), 403);
        }
        assertProblem(put(METHODS + "/" + code, update("5.00", "FR"), null), 401);
        assertThat(delivery.method(code).orElseThrow().priceBands().getFirst().price()).isEqualTo(Money.euros("9.00"));
    }

    @Test
    void anUpdateIsAnsweredWithTheNewSettingsAndQuotesFollowAtOnce() {
        HttpResponse<String> answer = put(METHODS + "/" + code, update("6.50", "IS"), staffToken(Role.MANAGER));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode method = json.readTree(answer.body());
        assertThat(method.get("label").get("en").asString()).isEqualTo("Fast " + id);
        assertThat(method.get("priceBands").get(1).get("minGoodsTotal").get("amount").asString()).isEqualTo("40.00");
        assertThat(method.get("cutOff").asString()).isEqualTo("09:30");
        assertThat(json.readTree(http.get(METHODS + "/" + code, "Authorization", "Bearer " + OWNER_TOKEN).body())
                .get("transitDaysMax").asInt()).isEqualTo(3);

        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 800, Money.euros("20.00")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> {
                    assertThat(quote.price()).isEqualTo(Money.euros("6.50"));
                    assertThat(quote.label().fr()).isEqualTo("Rapide " + id);
                    // 10:00 is after the new 09:30 cut-off: prepared Wednesday, handed over Thursday.
                    assertThat(quote.earliest()).isEqualTo(java.time.LocalDate.of(2026, 3, 6));
                });
        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 800, Money.euros("45.00")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> assertThat(quote.price()).isEqualTo(Money.euros("3.00")));
        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 800, Money.euros("80.00")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> assertThat(quote.price().isZero()).isTrue());
    }

    @Test
    void invalidSettingsAreRefusedFieldByFieldAndNothingIsWritten() {
        DeliveryMethod before = delivery.method(code).orElseThrow();

        HttpResponse<String> answer = put(METHODS + "/" + code, """
                {"label": {"fr": "Rapide", "en": "Fast"}, "active": true, "carrier": "Colis", "countries": ["IS", "XX"],
                 "priceBands": [
                   {"country": "IS", "maxWeightGrams": 2000, "price": {"amount": "5.00", "currency": "EUR"}},
                   {"country": "IS", "maxWeightGrams": 1000, "price": {"amount": "4.00", "currency": "EUR"}},
                   {"country": "IS", "maxWeightGrams": 3000, "price": {"amount": "-1.00", "currency": "EUR"}}],
                 "cutOff": "14:00", "preparationDays": 1, "transitDaysMin": 3, "transitDaysMax": 2, "saturdayDelivery": false}
                """, OWNER_TOKEN);
        assertProblem(answer, 400);
        assertThat(fields(answer)).containsExactly("countries[1]");

        answer = put(METHODS + "/" + code, """
                {"label": {"fr": "Rapide", "en": "Fast"}, "active": true, "carrier": "Colis", "countries": ["IS"],
                 "priceBands": [
                   {"country": "IS", "maxWeightGrams": 2000, "price": {"amount": "5.00", "currency": "EUR"}},
                   {"country": "IS", "maxWeightGrams": 1000, "price": {"amount": "4.00", "currency": "EUR"}},
                   {"country": "IS", "maxWeightGrams": 3000, "price": {"amount": "-1.00", "currency": "EUR"}},
                   {"country": "IS", "maxWeightGrams": 3000, "price": {"amount": "2.00", "currency": "EUR"}}],
                 "freeAbove": {"amount": "50.00", "currency": "USD"},
                 "cutOff": "14:00", "preparationDays": 1, "transitDaysMin": 3, "transitDaysMax": 2, "saturdayDelivery": false}
                """, OWNER_TOKEN);
        assertProblem(answer, 400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("priceBands[1]", "priceBands[2].price", "priceBands[3]",
                "freeAbove", "transitDaysMax");

        answer = put(METHODS + "/" + code, """
                {"label": {"fr": ""}, "countries": [], "priceBands": [{"maxWeightGrams": 0}], "cutOff": "25:00",
                 "preparationDays": -1}
                """, OWNER_TOKEN);
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("label.fr", "active", "carrier", "countries", "priceBands[0].maxWeightGrams",
                "priceBands[0].price", "cutOff", "preparationDays", "transitDaysMin", "saturdayDelivery");

        assertProblem(put(METHODS + "/" + code, "{not json", OWNER_TOKEN), 400);
        assertThat(delivery.method(code)).contains(before);
    }

    @Test
    void whatGetReturnsCanBeSentBackUnchanged() {
        DeliveryMethod before = delivery.method(code).orElseThrow();
        String read = http.get(METHODS + "/" + code, "Authorization", "Bearer " + OWNER_TOKEN).body();

        HttpResponse<String> answer = put(METHODS + "/" + code, read, OWNER_TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json.readTree(answer.body())).isEqualTo(json.readTree(read));
        assertThat(delivery.method(code)).contains(before);
    }

    @Test
    void anUnknownMethodIsNotFound() {
        assertProblem(http.get(METHODS + "/no-such-" + id, "Authorization", "Bearer " + OWNER_TOKEN), 404);
        assertProblem(put(METHODS + "/no-such-" + id, update("5.00", "IS"), OWNER_TOKEN), 404);
    }

    private String update(String lightPrice, String country) {
        return """
                {"label": {"fr": "Rapide %1$s", "en": "Fast %1$s"}, "active": true, "carrier": "Colis %1$s",
                 "countries": ["%3$s"],
                 "priceBands": [
                   {"country": "%3$s", "maxWeightGrams": 1000, "price": {"amount": "%2$s", "currency": "EUR"}},
                   {"country": "%3$s", "maxWeightGrams": 1000, "minGoodsTotal": {"amount": "40.00", "currency": "EUR"},
                    "price": {"amount": "3.00", "currency": "EUR"}},
                   {"maxWeightGrams": 5000, "price": {"amount": "12.00", "currency": "EUR"}}],
                 "freeAbove": {"amount": "75.00", "currency": "EUR"},
                 "cutOff": "09:30", "preparationDays": 1, "transitDaysMin": 1, "transitDaysMax": 3, "saturdayDelivery": false}
                """.formatted(id, lightPrice, country);
    }

    private HttpResponse<String> put(String path, String body, String token) {
        HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private String staffToken(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("delivery-" + id + "-" + UUID.randomUUID().toString().substring(0, 8)
                        + "-" + role.name().toLowerCase(Locale.ROOT) + "@boucle.test"),
                "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }

    private List<String> fields(HttpResponse<String> answer) {
        List<String> fields = new ArrayList<>();
        json.readTree(answer.body()).path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
