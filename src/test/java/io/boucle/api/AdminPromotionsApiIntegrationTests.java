package io.boucle.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminPromotionsApiIntegrationTests {

    static final String OWNER = "Bearer bcl_owner_token_for_tests_0123456789";
    static final String PATH = "/api/v1/admin/promotions";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient jdbc;

    Http http;
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    String percent(String code, String percent) {
        return """
                {"code": "%s", "label": "Printemps %s", "labelEn": "Spring", "kind": "PERCENTAGE", "percent": "%s",
                 "minimumSubtotal": {"amount": "30.00", "currency": "EUR"},
                 "validFrom": "2026-03-20T00:00:00Z", "validUntil": "2099-06-21T00:00:00Z",
                 "usageLimit": 100, "perCustomerLimit": 1, "combinable": false, "priority": 5}
                """.formatted(code, id, percent);
    }

    @Test
    void ownerCreatesReadsChangesListsAndDeactivatesAPromotion() {
        HttpResponse<String> created = http.postJson(PATH, percent("spring-" + id, "12.5"), "Authorization", OWNER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String promotionId = body.get("id").asString();
        assertThat(body.get("code").asString()).isEqualTo("SPRING-" + id);
        assertThat(body.get("percent").asString()).isEqualTo("12.5");
        assertThat(body.get("minimumSubtotal").get("amount").asString()).isEqualTo("30.00");
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("combinable").asBoolean()).isFalse();
        assertThat(body.get("uses").asInt()).isZero();

        HttpResponse<String> read = http.get(PATH + "/" + promotionId, "Authorization", OWNER);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).get("label").asString()).isEqualTo("Printemps " + id);

        HttpResponse<String> changed = http.send(http.request(PATH + "/" + promotionId).header("Authorization", OWNER)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"label": "Paliers %s", "kind": "TIERED_SPEND", "tiers": [
                          {"threshold": {"amount": "50.00", "currency": "EUR"}, "discount": {"amount": "5.00", "currency": "EUR"}},
                          {"threshold": {"amount": "100.00", "currency": "EUR"}, "discount": {"amount": "15.00", "currency": "EUR"}}]}
                        """.formatted(id))).build());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode tiers = json.readTree(changed.body());
        assertThat(tiers.get("kind").asString()).isEqualTo("TIERED_SPEND");
        assertThat(tiers.get("automatic").asBoolean()).isTrue();
        assertThat(tiers.get("tiers").get(1).get("discount").get("amount").asString()).isEqualTo("15.00");

        HttpResponse<String> list = http.get(PATH, "Authorization", OWNER);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(promotionId).contains("Paliers " + id);

        HttpResponse<String> deactivated = http.send(http.request(PATH + "/" + promotionId + "/deactivate")
                .header("Authorization", OWNER).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(json.readTree(deactivated.body()).get("status").asString()).isEqualTo("DEACTIVATED");
    }

    @Test
    void aCodeTakenInAnotherCaseIs409() {
        assertThat(http.postJson(PATH, percent("taken-" + id, "10"), "Authorization", OWNER).statusCode()).isEqualTo(201);

        HttpResponse<String> duplicate = http.postJson(PATH, percent("TAKEN-" + id.toLowerCase(Locale.ROOT), "20"), "Authorization", OWNER);

        assertProblem(duplicate, 409).contains("already uses the code 'TAKEN-" + id + "'");
        assertThat(count("TAKEN-" + id)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "percent above 100 | \"kind\": \"PERCENTAGE\", \"percent\": \"150\" | percent: more than 0 and at most 100",
            "percent zero | \"kind\": \"PERCENTAGE\", \"percent\": \"0\" | percent: more than 0 and at most 100",
            "percent not a number | \"kind\": \"PERCENTAGE\", \"percent\": \"ten\" | The request has invalid fields.",
            "dates in the wrong order | \"kind\": \"FREE_DELIVERY\", \"validFrom\": \"2026-06-01T00:00:00Z\", \"validUntil\": \"2026-05-01T00:00:00Z\" | validUntil: after validFrom",
            "date not a date | \"kind\": \"FREE_DELIVERY\", \"validFrom\": \"tomorrow\" | validFrom: an ISO 8601 instant",
            "X zero | \"kind\": \"BUY_X_GET_Y\", \"buyQuantity\": 0, \"freeQuantity\": 1 | buyQuantity: a whole number from 1",
            "Y missing | \"kind\": \"BUY_X_GET_Y\", \"buyQuantity\": 2 | freeQuantity: a whole number from 1",
            "bad code | \"kind\": \"FREE_DELIVERY\", \"code\": \"no spaces!\" | code: 3 to 32 letters",
            "unknown kind | \"kind\": \"GIFT\" | kind: one of",
            "unknown category | \"kind\": \"FREE_DELIVERY\", \"category\": \"no-such-category-xyz\" | category: unknown category",
            "amount on a percentage | \"kind\": \"PERCENTAGE\", \"percent\": \"10\", \"amount\": {\"amount\": \"5\", \"currency\": \"EUR\"} | amount: only for a FIXED_AMOUNT"
    })
    void badContentIs400NamingTheFieldAndCreatesNothing(String rule, String fields, String problem) {
        String label = "Mauvais " + id + " " + rule;
        HttpResponse<String> refused = http.postJson(PATH, "{\"label\": \"" + label + "\", " + fields + "}", "Authorization", OWNER);

        assertProblem(refused, 400);
        assertThat(refused.body()).contains(problem);
        assertThat(jdbc.sql("SELECT count(*) FROM pricing.promotion WHERE label_fr = :label").param("label", label)
                .query(Long.class).single()).isZero();
    }

    @Test
    void unknownPromotionsAre404() {
        assertProblem(http.get(PATH + "/" + UUID.randomUUID(), "Authorization", OWNER), 404);
        assertProblem(http.get(PATH + "/not-an-id", "Authorization", OWNER), 404);
        assertProblem(http.send(http.request(PATH + "/" + UUID.randomUUID() + "/deactivate").header("Authorization", OWNER)
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 404);
    }

    @Test
    void onlyOwnersAndManagersMayManagePromotions() {
        assertProblem(http.postJson(PATH, percent("anon-" + id, "10")), 401);
        assertProblem(http.postJson(PATH, percent("support-" + id, "10"), "Authorization", "Bearer " + token(Role.SUPPORT)), 403);
        assertThat(http.postJson(PATH, percent("manager-" + id, "10"), "Authorization", "Bearer " + token(Role.MANAGER))
                .statusCode()).isEqualTo(201);
        assertThat(count("ANON-" + id) + count("SUPPORT-" + id)).isZero();
    }

    private long count(String code) {
        return jdbc.sql("SELECT count(*) FROM pricing.promotion WHERE code = :code").param("code", code).query(Long.class).single();
    }

    private String token(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("promo-" + id.toLowerCase(Locale.ROOT) + "-" + role.name().toLowerCase(Locale.ROOT)
                + "@boucle.test"), "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("at io.boucle").doesNotContain("Exception");
        return assertThat(problem.path("detail").asString(""));
    }
}
