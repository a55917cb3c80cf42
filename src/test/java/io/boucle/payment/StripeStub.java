package io.boucle.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Stripe's API: the PaymentIntent and Refund endpoints, answering as Stripe's test
 * payment methods do ({@code pm_card_visa} succeeds, {@code pm_card_threeDSecure2Required} needs a
 * redirect, {@code pm_card_chargeDeclinedInsufficientFunds} is declined), and keeping the requests.
 */
final class StripeStub implements AutoCloseable {

    record Call(String method, String path, String idempotencyKey, Map<String, String> form) {
    }

    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final Map<String, String> intents = new ConcurrentHashMap<>();
    private final HttpServer server;

    StripeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/payment_intents", this::paymentIntents);
        server.createContext("/v1/refunds", this::refunds);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    private void paymentIntents(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Idempotency-Key"), form));
        if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/search")) {
            // Only the search by payment id the shop makes: metadata['boucle_payment_id']:'<id>'
            String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
            java.util.regex.Matcher wanted = java.util.regex.Pattern.compile("boucle_payment_id']:'([^']+)'").matcher(query);
            String paymentId = wanted.find() ? wanted.group(1) : "";
            List<String> found = intents.values().stream()
                    .filter(intent -> intent.contains("\"boucle_payment_id\": \"" + paymentId + "\"")).toList();
            answer(exchange, 200, """
                    {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "next_page": null,
                     "data": [%s]}""".formatted(String.join(",", found)));
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            String intent = intents.get(id);
            if (intent == null) {
                answer(exchange, 404, """
                        {"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "No such payment_intent"}}""");
            } else {
                answer(exchange, 200, intent);
            }
            return;
        }
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String method = form.get("payment_method");
        switch (method) {
            case "pm_card_visa" -> answer(exchange, 200, store(id, intent(id, form, "succeeded", "null", "null", "4242")));
            case "pm_card_threeDSecure2Required" -> answer(exchange, 200, store(id, intent(id, form, "requires_action", """
                    {"type": "redirect_to_url", "redirect_to_url": {"url": "https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=%s", "return_url": "%s"}}"""
                    .formatted(id, form.get("return_url")), "null", "3220")));
            case "pm_card_chargeDeclinedInsufficientFunds" -> {
                String error = """
                        {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                         "message": "Your card has insufficient funds.", "doc_url": "https://stripe.com/docs/error-codes/card-declined"}""";
                String intent = store(id, intent(id, form, "requires_payment_method", "null", error, "9995"));
                answer(exchange, 402, """
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds.", "payment_intent": %s}}""".formatted(intent));
            }
            default -> answer(exchange, 400, """
                    {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "payment_method",
                               "message": "No such PaymentMethod: '%s'"}}""".formatted(method));
        }
    }

    /** Makes a stored PaymentIntent look as it does after the shopper passed the challenge. */
    void succeed(String id) {
        intents.computeIfPresent(id, (key, json) -> json.replace("\"status\": \"requires_action\"", "\"status\": \"succeeded\""));
    }

    private String store(String id, String json) {
        intents.put(id, json);
        return json;
    }

    static String intent(String id, Map<String, String> form, String status, String nextAction, String lastError, String last4) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": %s, "currency": "%s", "status": "%s",
                 "capture_method": "automatic", "confirmation_method": "automatic", "livemode": false,
                 "description": "%s", "next_action": %s, "last_payment_error": %s,
                 "metadata": {"boucle_payment_id": "%s", "boucle_reference": "%s"},
                 "payment_method": {"id": "pm_%s", "object": "payment_method", "type": "card",
                                    "card": {"brand": "visa", "last4": "%s", "exp_month": 12, "exp_year": 2034}},
                 "payment_method_types": ["card"], "created": 1760000000}"""
                .formatted(id, form.get("amount"), form.get("currency"), status, form.get("description"), nextAction,
                        lastError, form.get("metadata[boucle_payment_id]"), form.get("metadata[boucle_reference]"),
                        last4, last4, last4);
    }

    private void refunds(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), form));
        answer(exchange, 200, """
                {"id": "re_%s", "object": "refund", "amount": %s, "currency": "eur", "payment_intent": "%s",
                 "status": "succeeded", "created": 1760000000}"""
                .formatted(UUID.randomUUID().toString().replace("-", "").substring(0, 24), form.get("amount"),
                        form.get("payment_intent")));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
