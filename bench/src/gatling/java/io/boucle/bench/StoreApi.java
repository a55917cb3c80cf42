package io.boucle.bench;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The store API's buying path as the design's API contract describes it, one step at a time, each
 * recorded in {@link Outcomes}. A step reads and leaves what it needs in the session: {@code cartId},
 * {@code sku}, and after a checkout {@code orderStatus}.
 */
final class StoreApi {

    static final Set<Integer> CREATED = Set.of(201);
    static final Set<Integer> OK = Set.of(200);
    static final Set<Integer> NONE = Set.of();
    /** 409: the stock cannot cover the line or the order ("sold out"). */
    static final Set<Integer> CONFLICT = Set.of(409);

    private static final String CHECKOUT = """
            {"acceptTerms": true, "payment": {"method": "card", "token": "tok_visa"}}""";

    private final Outcomes outcomes;

    StoreApi(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    ChainBuilder createCart(String name) {
        return outcomes.call(name, http(name).post("/api/v1/carts")
                .body(StringBody("""
                        {"currency": "EUR", "country": "FR", "locale": "fr"}"""))
                .check(jsonPath("$.id").optional().saveAs("cartId")), CREATED, NONE);
    }

    ChainBuilder addLine(String name, Set<Integer> refused) {
        return outcomes.call(name, http(name).post("/api/v1/carts/#{cartId}/lines")
                .body(StringBody("""
                        {"sku": "#{sku}", "quantity": 1}""")), OK, refused);
    }

    ChainBuilder customer(String name) {
        return outcomes.call(name, http(name).put("/api/v1/carts/#{cartId}/customer")
                .body(StringBody(session -> """
                        {"email": "buyer-%s@example.org", "shippingAddress": {"name": "Camille Acheteur",
                         "line1": "12 rue des Artisans", "postalCode": "75011", "city": "Paris", "country": "FR"}}"""
                        .formatted(session.getString("cartId")))), OK, NONE);
    }

    ChainBuilder delivery(String name) {
        return outcomes.call(name, http(name).put("/api/v1/carts/#{cartId}/delivery")
                .body(StringBody("""
                        {"code": "home"}""")), OK, NONE);
    }

    /** The order and its payment with the test card that is captured at once; a new Idempotency-Key each time. */
    ChainBuilder checkout(String name, Set<Integer> refused) {
        return outcomes.call(name, http(name).post("/api/v1/carts/#{cartId}/checkout")
                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                .body(StringBody(CHECKOUT))
                .check(jsonPath("$.order.status").optional().saveAs("orderStatus")), CREATED, refused);
    }

    /** Picks one of {@code skus} at random for the next line. */
    static ChainBuilder pickSku(List<String> skus) {
        return exec(session -> session.set("sku", skus.get(ThreadLocalRandom.current().nextInt(skus.size()))));
    }

    /** The steps one after the other, as long as each gets the answer it wants. */
    static ChainBuilder whileOk(ChainBuilder... steps) {
        ChainBuilder chain = steps[steps.length - 1];
        for (int i = steps.length - 2; i >= 0; i--) {
            chain = steps[i].doIf(session -> !notOk().apply(session)).then(chain);
        }
        return chain;
    }

    /** True unless the last step's answer was the one it wanted. */
    static Function<Session, Boolean> notOk() {
        return session -> !Outcomes.Kind.OK.name().equals(session.getString("outcome"));
    }
}
