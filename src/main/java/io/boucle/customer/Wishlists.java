package io.boucle.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.boucle.shared.InvalidField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The products each customer keeps an eye on, by product slug (the caller checks the product exists). */
@Service
public class Wishlists {

    public static final int MAX_ITEMS = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    Wishlists(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds a product; adding it again changes nothing. */
    @Transactional
    public void add(CustomerId customer, String productSlug) {
        if (productSlug == null || productSlug.isBlank() || productSlug.length() > 200) {
            throw new InvalidField("product", "is required");
        }
        if (contains(customer, productSlug)) {
            return;
        }
        // The account row is locked so two additions at once cannot both pass the limit.
        jdbc.sql("SELECT id FROM customer.account WHERE id = :id FOR UPDATE").param("id", customer.value()).query(Object.class).single();
        long count = jdbc.sql("SELECT count(*) FROM customer.wishlist_item WHERE customer_id = :id")
                .param("id", customer.value()).query(Long.class).single();
        if (count >= MAX_ITEMS) {
            throw new InvalidField("product", "a wishlist holds at most " + MAX_ITEMS + " products");
        }
        jdbc.sql("""
                INSERT INTO customer.wishlist_item (customer_id, product_slug, added_at) VALUES (:id, :slug, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("id", customer.value()).param("slug", productSlug).param("now", Timestamp.from(Instant.now(clock)))
                .update();
    }

    @Transactional
    public void remove(CustomerId customer, String productSlug) {
        jdbc.sql("DELETE FROM customer.wishlist_item WHERE customer_id = :id AND product_slug = :slug")
                .param("id", customer.value()).param("slug", productSlug).update();
    }

    @Transactional(readOnly = true)
    public boolean contains(CustomerId customer, String productSlug) {
        return jdbc.sql("SELECT count(*) FROM customer.wishlist_item WHERE customer_id = :id AND product_slug = :slug")
                .param("id", customer.value()).param("slug", productSlug).query(Long.class).single() > 0;
    }

    /** The products' slugs, the latest added first. */
    @Transactional(readOnly = true)
    public List<String> productSlugs(CustomerId customer) {
        return jdbc.sql("SELECT product_slug FROM customer.wishlist_item WHERE customer_id = :id ORDER BY added_at DESC, product_slug")
                .param("id", customer.value()).query(String.class).list();
    }
}
