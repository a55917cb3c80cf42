package io.boucle.tax;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The European Commission's VIES REST service: {@code POST <url>} (by default
 * {@code https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number}) with
 * {@code {"countryCode", "vatNumber"}} and, when the shop has a VAT number, the requester's
 * ({@code requesterMemberStateCode}, {@code requesterNumber}) so that VIES gives a consultation number
 * ({@code requestIdentifier}), the proof the tax administration accepts of the check. It answers
 * {@code valid}, {@code name} and {@code requestIdentifier}; an error status, a member state's service
 * down ({@code MS_UNAVAILABLE}, {@code TIMEOUT}...) or no answer in time is {@code UNAVAILABLE}.
 */
final class ViesVatNumberCheck implements VatNumberCheck {

    static final String SOURCE = "VIES";
    private static final Logger log = LoggerFactory.getLogger(ViesVatNumberCheck.class);

    private final URI url;
    private final VatNumber requester;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    /** @param requester the shop's own VAT number, may be null */
    ViesVatNumberCheck(URI url, VatNumber requester, Duration timeout, JsonMapper json, Clock clock) {
        this.url = url;
        this.requester = requester;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public VatNumberVerdict check(VatNumber number) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("countryCode", number.prefix().equals("GR") ? "EL" : number.prefix());
        body.put("vatNumber", number.value().substring(2));
        if (requester != null) {
            body.put("requesterMemberStateCode", requester.prefix());
            body.put("requesterNumber", requester.value().substring(2));
        }
        Instant now = Instant.now(clock);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
            if (response.statusCode() / 100 != 2 || answer == null || !answer.path("valid").isBoolean()) {
                String error = answer == null ? "" : firstError(answer);
                log.warn("VIES did not check {}: HTTP {} {}", number, response.statusCode(), error);
                return unavailable(number, now, "VIES did not answer (" + (error.isEmpty() ? "HTTP " + response.statusCode() : error) + ")");
            }
            boolean valid = answer.path("valid").asBoolean();
            String name = text(answer, "name");
            return new VatNumberVerdict(number.value(), valid ? VatNumberVerdict.Status.VALID : VatNumberVerdict.Status.INVALID,
                    now, SOURCE, text(answer, "requestIdentifier"), name == null || name.equals("---") ? null : name,
                    valid ? null : "not registered in VIES for intra-Community supplies");
        } catch (IOException | JacksonException e) {
            log.warn("VIES did not check {}: {}", number, e.toString());
            return unavailable(number, now, "VIES could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(number, now, "VIES could not be reached");
        }
    }

    private static VatNumberVerdict unavailable(VatNumber number, Instant now, String detail) {
        return new VatNumberVerdict(number.value(), VatNumberVerdict.Status.UNAVAILABLE, now, SOURCE, null, null, detail);
    }

    private static String firstError(JsonNode answer) {
        JsonNode wrappers = answer.path("errorWrappers");
        if (wrappers.isArray() && !wrappers.isEmpty()) {
            return wrappers.get(0).path("error").asString("");
        }
        return answer.path("userError").asString("");
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        return value == null || value.isNull() || value.asString("").isBlank() ? null : value.asString();
    }
}
