package io.boucle.storefront;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product page's delivery promise: the cheapest home delivery to France (Colissimo: cut-off
 * 14:00, a business day to prepare, 1 to 3 days' transit, Saturdays delivered).
 */
@IntegrationTest
class DeliveryPromiseIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    JsonMapper json;

    @Autowired
    MutableClock clock;

    StoreFixtures store;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void beforeTheCutOffTheDatesHoldUntilTodaysCutOff() {
        String slug = product("matin", 3);
        clock.set(Instant.parse("2026-03-03T08:00:00Z")); // Tuesday 09:00 in Paris

        assertThat(http.get("/p/" + slug).body())
                .contains("Livré entre le jeudi 5 mars et le samedi 7 mars si commandé avant 14h00");
        assertThat(http.get("/p/" + slug + "?lang=en").body())
                .contains("Delivered between Thursday 5 March and Saturday 7 March if ordered before 14:00");
    }

    @Test
    void afterTheCutOffTheWarehouseStartsTomorrow() {
        String slug = product("soir", 3);
        clock.set(Instant.parse("2026-03-03T14:30:00Z")); // Tuesday 15:30 in Paris

        assertThat(http.get("/p/" + slug).body())
                .contains("Livré entre le vendredi 6 mars et le lundi 9 mars si commandé avant demain 14h00");
        assertThat(http.get("/p/" + slug + "?lang=en").body())
                .contains("Delivered between Friday 6 March and Monday 9 March if ordered before 14:00 tomorrow");
    }

    @Test
    void aPublicHolidayPutsTheWarehouseAndTheCarrierOff() {
        String slug = product("ferie", 3);
        // Thursday 30 April 2026, 15:00 in Paris: 1 May (Friday) and 8 May (Friday) are public holidays.
        clock.set(Instant.parse("2026-04-30T13:00:00Z"));

        assertThat(http.get("/p/" + slug).body())
                .contains("Livré entre le mercredi 6 mai et le samedi 9 mai si commandé avant lundi 14h00");
    }

    @Test
    void nothingIsPromisedForWhatIsSoldOut() {
        String slug = product("epuise", 0);
        clock.set(Instant.parse("2026-03-03T08:00:00Z"));

        assertThat(http.get("/p/" + slug).body()).contains("Épuisé").doesNotContain("Livré entre");
    }

    private String product(String name, int stock) {
        return store.product(name, "20.00", stock).toLowerCase(Locale.ROOT);
    }
}
