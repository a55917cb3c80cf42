package io.boucle.community;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

import io.boucle.cart.Carts;
import io.boucle.checkout.StoreFixtures;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.customer.SignUp;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import io.boucle.test.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers with accounts, signed in on the shop's pages, and their orders placed through the store API. */
public final class Buyers {

    public static final String PASSWORD = "un mot de passe assez long";

    /** A customer, and a browser signed in as them. */
    public record Buyer(CustomerId id, String email, Http http) {
    }

    private final int port;
    private final StoreFixtures store;
    private final Customers customers;
    private final Carts carts;

    public Buyers(int port, StoreFixtures store, Customers customers, Carts carts) {
        this.port = port;
        this.store = store;
        this.customers = customers;
        this.carts = carts;
    }

    /** A new customer named {@code name}, signed in through the sign-in page. */
    public Buyer signedIn(String name) {
        String email = "client-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
        Customer customer = customers.signUp(new SignUp(email, name, PASSWORD, false, "Offres par e-mail", Locale.FRENCH),
                "test-client-" + UUID.randomUUID());
        Http http = new Http(port);
        String page = http.get("/compte/connexion").body();
        HttpResponse<String> signedIn = http.postForm("/compte/connexion", Http.form("_csrf", Http.csrfToken(page),
                "email", email, "password", PASSWORD));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return new Buyer(customer.id(), email, http);
    }

    /** An order of one unit of each SKU by the customer, paid by card; returns its number. */
    public String paidOrder(Buyer buyer, String... skus) {
        return order(buyer, "tok_visa", "PAID", skus);
    }

    /** An order of one unit of each SKU by the customer whose payment was declined; returns its number. */
    public String unpaidOrder(Buyer buyer, String... skus) {
        return order(buyer, "tok_declined", "AWAITING_PAYMENT", skus);
    }

    private String order(Buyer buyer, String token, String status, String... skus) {
        String cart = carts.createFor(buyer.id(), Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id().value().toString();
        for (String sku : skus) {
            HttpResponse<String> added = store.addLine(cart, sku, 1);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        assertThat(store.customer(cart, buyer.email()).statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, token, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(store.read(placed).get("order").get("status").asString()).isEqualTo(status);
        return store.read(placed).get("order").get("number").asString();
    }
}
