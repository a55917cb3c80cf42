package io.boucle.storefront;

import java.net.http.HttpResponse;

import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SearchPageIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void controlCharactersAndOddFiltersTypedByHandStillGiveAPage() {
        Http http = new Http(port);
        HttpResponse<String> search = http.get("/recherche?q=th%00e&category=%00");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("<h1>");
        assertThat(http.get("/c/no-such-category?minPrice=1e1001").statusCode()).isEqualTo(404);
    }
}
