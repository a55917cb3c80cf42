package io.boucle.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PickupPointsApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anyoneFindsTheRelayPointsNearAPostalCode() {
        HttpResponse<String> answer = http.get("/api/v1/pickup-points?method=relay&country=FR&postalCode=75011&limit=4");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode points = json.readTree(answer.body());
        assertThat(points.size()).isEqualTo(4);
        assertThat(points.get(0).get("postalCode").asString()).isEqualTo("75011");
        assertThat(points.get(0).get("city").asString()).isEqualTo("Paris");
        assertThat(points.get(0).get("country").asString()).isEqualTo("FR");
        assertThat(points.get(0).get("openingHours").asString()).isNotBlank();
        assertThat(points.get(3).get("postalCode").asString()).isEqualTo("75010");
    }

    @Test
    void clickAndCollectListsTheStoresNearestFirst() {
        JsonNode stores = json.readTree(http.get("/api/v1/pickup-points?method=collect&country=FR&postalCode=69003").body());

        List<String> ids = new ArrayList<>();
        stores.forEach(store -> ids.add(store.get("id").asString()));
        assertThat(ids).containsExactly("lyon-part-dieu", "paris-bastille");
        assertThat(json.readTree(http.get("/api/v1/pickup-points?method=home&country=FR&postalCode=69003").body()).size()).isZero();
    }

    @Test
    void onePointById() {
        HttpResponse<String> answer = http.get("/api/v1/pickup-points/FR-33000-A?method=relay");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("city").asString()).isEqualTo("Bordeaux");
        assertProblem(http.get("/api/v1/pickup-points/FR-33000-A?method=collect"), 404);
        assertProblem(http.get("/api/v1/pickup-points/nowhere?method=relay"), 404);
    }

    @Test
    void badQueriesAreClearProblems() {
        assertProblem(http.get("/api/v1/pickup-points?country=FR&postalCode=75011"), 400);
        assertProblem(http.get("/api/v1/pickup-points?method=drone&country=FR&postalCode=75011"), 400);
        assertProblem(http.get("/api/v1/pickup-points?method=relay&country=XX&postalCode=75011"), 400);
        assertProblem(http.get("/api/v1/pickup-points?method=relay&country=FR&postalCode=%3Cscript%3E"), 400);
        assertProblem(http.get("/api/v1/pickup-points?method=relay&country=FR&postalCode=75011&limit=0"), 400);
        assertProblem(http.get("/api/v1/pickup-points?method=relay&country=FR&postalCode=75011&limit=many"), 400);
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
