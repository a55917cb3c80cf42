package io.boucle.tax;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VAT number checks: offline (shape and check digits) and VIES against a local stand-in. */
class VatNumberChecksTests {

    static final Instant NOW = Instant.parse("2026-03-10T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final JsonMapper json = JsonMapper.builder().build();
    final Queue<String> requests = new ConcurrentLinkedQueue<>();
    HttpServer server;
    volatile int status = 200;
    volatile String answer = "";

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/taxation_customs/vies/rest-api/check-vat-number", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    ViesVatNumberCheck vies(String requester) {
        return new ViesVatNumberCheck(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/taxation_customs/vies/rest-api/check-vat-number"), requester == null ? null : VatNumber.of(requester),
                Duration.ofSeconds(2), json, CLOCK);
    }

    @Test
    void offlineAcceptsWellFormedNumbersWithValidCheckDigits() {
        OfflineVatNumberCheck offline = new OfflineVatNumberCheck(CLOCK);
        for (String valid : new String[] {"BE0123456749", "DE123456788", "FR65912345675", "IT00743110157", "LU15027442",
                "NL004495445B01", "ATU13585627", "DK13585628", "PL5260250995", "PT501964843", "ES B12345678", "EL094259216"}) {
            VatNumberVerdict verdict = offline.check(VatNumber.of(valid));
            assertThat(verdict.status()).as(valid).isEqualTo(VatNumberVerdict.Status.VALID);
            assertThat(verdict.checkedAt()).isEqualTo(NOW);
            assertThat(verdict.source()).isEqualTo("offline");
        }
    }

    @Test
    void offlineRefusesAWrongKeyOrShape() {
        OfflineVatNumberCheck offline = new OfflineVatNumberCheck(CLOCK);
        for (String invalid : new String[] {"BE0123456748", "DE123456789", "FR66912345675", "IT00743110158", "NL004495446B01",
                "DE12345678", "BE2123456749", "US123456789"}) {
            assertThat(offline.check(VatNumber.of(invalid)).status()).as(invalid).isEqualTo(VatNumberVerdict.Status.INVALID);
        }
    }

    @Test
    void viesAnswersValidWithItsConsultationNumberAndTheRequesterIsSent() {
        answer = """
                {"countryCode": "BE", "vatNumber": "0123456749", "requestDate": "2026-03-10T10:30:00.000+01:00",
                 "valid": true, "requestIdentifier": "WAPIAAAAY2xMabcd", "name": "ATELIER LUMEN SRL",
                 "address": "Rue Haute 1\\n1000 Bruxelles", "traderName": "---", "userError": "VALID"}
                """;

        VatNumberVerdict verdict = vies("FR65912345675").check(VatNumber.of("BE 0123.456.749"));

        assertThat(verdict.status()).isEqualTo(VatNumberVerdict.Status.VALID);
        assertThat(verdict.vatNumber()).isEqualTo("BE0123456749");
        assertThat(verdict.consultation()).isEqualTo("WAPIAAAAY2xMabcd");
        assertThat(verdict.name()).isEqualTo("ATELIER LUMEN SRL");
        assertThat(verdict.source()).isEqualTo("VIES");
        assertThat(verdict.checkedAt()).isEqualTo(NOW);
        String request = requests.poll();
        assertThat(request).startsWith("POST ");
        JsonNode body = json.readTree(request.substring(5));
        assertThat(body.get("countryCode").asString()).isEqualTo("BE");
        assertThat(body.get("vatNumber").asString()).isEqualTo("0123456749");
        assertThat(body.get("requesterMemberStateCode").asString()).isEqualTo("FR");
        assertThat(body.get("requesterNumber").asString()).isEqualTo("65912345675");
    }

    @Test
    void viesSendsGreekNumbersUnderEl() {
        answer = """
                {"countryCode": "EL", "vatNumber": "094259216", "valid": false, "userError": "INVALID"}
                """;

        VatNumberVerdict verdict = vies(null).check(VatNumber.of("EL094259216"));

        assertThat(verdict.status()).isEqualTo(VatNumberVerdict.Status.INVALID);
        assertThat(verdict.consultation()).isNull();
        JsonNode body = json.readTree(requests.poll().substring(5));
        assertThat(body.get("countryCode").asString()).isEqualTo("EL");
        assertThat(body.has("requesterNumber")).as("no requester without the shop's number").isFalse();
    }

    @Test
    void aMemberStateDownOrAnErrorIsUnavailableNeverAnException() {
        status = 500;
        answer = """
                {"actionSucceed": false, "errorWrappers": [{"error": "MS_UNAVAILABLE", "message": "Member state down"}]}
                """;
        VatNumberVerdict down = vies(null).check(VatNumber.of("DE123456788"));
        assertThat(down.status()).isEqualTo(VatNumberVerdict.Status.UNAVAILABLE);
        assertThat(down.detail()).contains("MS_UNAVAILABLE");

        status = 200;
        answer = "<html>maintenance</html>";
        assertThat(vies(null).check(VatNumber.of("DE123456788")).status()).isEqualTo(VatNumberVerdict.Status.UNAVAILABLE);
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        ViesVatNumberCheck vies = new ViesVatNumberCheck(URI.create("http://127.0.0.1:" + port + "/check-vat-number"), null,
                Duration.ofSeconds(2), json, CLOCK);

        VatNumberVerdict verdict = vies.check(VatNumber.of("DE123456788"));

        assertThat(verdict.status()).isEqualTo(VatNumberVerdict.Status.UNAVAILABLE);
        assertThat(verdict.detail()).isEqualTo("VIES could not be reached");
        assertThat(verdict.valid()).isFalse();
    }

    @Test
    void aRealShopChecksWithViesByDefaultAndRefusesToStartWithTheOfflineCheck() {
        URI url = URI.create("http://127.0.0.1:1/vies");
        assertThat(new TaxConfiguration().vatNumberCheck("vies", url, Duration.ofSeconds(1), "", null, "jdbc:postgresql://db/boucle",
                false, json, CLOCK)).isInstanceOf(ViesVatNumberCheck.class);
        assertThatThrownBy(() -> new TaxConfiguration().vatNumberCheck("offline", url, Duration.ofSeconds(1), "", null,
                "jdbc:postgresql://db/boucle", false, json, CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BOUCLE_DEMO").hasMessageContaining("vies");
        assertThatThrownBy(() -> new TaxConfiguration().vatNumberCheck("offline", url, Duration.ofSeconds(1), "", false, "",
                false, json, CLOCK)).isInstanceOf(IllegalStateException.class);
        // The demo: asked for, or by default with the embedded database; and the tests' configuration.
        assertThat(new TaxConfiguration().vatNumberCheck("offline", url, Duration.ofSeconds(1), "", true, "jdbc:postgresql://db/boucle",
                false, json, CLOCK)).isInstanceOf(OfflineVatNumberCheck.class);
        assertThat(new TaxConfiguration().vatNumberCheck("offline", url, Duration.ofSeconds(1), "", null, "", false, json, CLOCK))
                .isInstanceOf(OfflineVatNumberCheck.class);
        assertThat(new TaxConfiguration().vatNumberCheck("offline", url, Duration.ofSeconds(1), "", false, "", true, json, CLOCK))
                .isInstanceOf(OfflineVatNumberCheck.class);
    }

    @Test
    void theDefaultProviderInTheApplicationsPropertiesIsVies() throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("boucle.tax.vat-number-check")).isEqualTo("vies");
    }

    @Test
    void onlyAValidViesVerdictProvesARegistrationOutsideTheDemo() {
        VatNumberVerdict offlineValid = new OfflineVatNumberCheck(CLOCK).check(VatNumber.of("BE0123456749"));
        VatNumberVerdict viesValid = new VatNumberVerdict("BE0123456749", VatNumberVerdict.Status.VALID, NOW, "VIES", "WAPI", null, null);
        VatNumberVerdict viesInvalid = new VatNumberVerdict("BE0123456749", VatNumberVerdict.Status.INVALID, NOW, "VIES", null, null, null);
        VatNumberCheck vies = vies(null);

        assertThat(vies.proves(offlineValid)).as("a shape check kept on a cart").isFalse();
        assertThat(vies.proves(viesValid)).isTrue();
        assertThat(vies.proves(viesInvalid)).isFalse();
        assertThat(vies.proves(null)).isFalse();
        assertThat(new OfflineVatNumberCheck(CLOCK).proves(offlineValid)).isTrue();
    }
}
