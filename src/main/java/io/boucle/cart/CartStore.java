package io.boucle.cart;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.boucle.customer.CustomerId;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.tax.VatNumberVerdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The cart tables. */
@Component
class CartStore {

    /** Addresses are kept as JSON: the cart does not query inside them. */
    record AddressJson(String name, String line1, String line2, String postalCode, String city, String country) {

        static AddressJson of(Address address) {
            return address == null ? null : new AddressJson(address.name(), address.line1(), address.line2(),
                    address.postalCode(), address.city(), address.country().value());
        }

        Address address() {
            return Address.of(name, line1, line2, postalCode, city, country);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CartStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(CartId id, Currency currency, CountryCode country, Locale locale, Instant now) {
        jdbc.sql("""
                INSERT INTO cart.cart (id, status, currency, country, locale, created_at, last_activity_at)
                VALUES (:id, 'OPEN', :currency, :country, :locale, :now, :now)
                """)
                .param("id", id.value()).param("currency", currency.getCurrencyCode()).param("country", country.value())
                .param("locale", locale.toLanguageTag()).param("now", Timestamp.from(now)).update();
    }

    void setCurrency(CartId id, Currency currency) {
        jdbc.sql("UPDATE cart.cart SET currency = :currency WHERE id = :id")
                .param("currency", currency.getCurrencyCode()).param("id", id.value()).update();
    }

    /**
     * Serialises, until the transaction ends, what changes which cart is a customer's, so two
     * sign-ins or first additions at once make one cart.
     */
    void lockCustomer(CustomerId customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('boucle.cart.customer'), hashtext(:customer))")
                .param("customer", customer.toString()).query().singleRow();
    }

    /** The customer's open cart, whether or not it has expired. */
    Optional<CartId> openCartOf(CustomerId customer) {
        return jdbc.sql("SELECT id FROM cart.cart WHERE customer_id = :customer AND status = 'OPEN'")
                .param("customer", customer.value())
                .query((row, n) -> new CartId(row.getObject("id", UUID.class))).optional();
    }

    void attach(CartId id, CustomerId customer) {
        jdbc.sql("UPDATE cart.cart SET customer_id = :customer WHERE id = :id")
                .param("customer", customer.value()).param("id", id.value()).update();
    }

    /** Closes an open cart whose lines went into another one. */
    void markMerged(CartId id, CartId into) {
        jdbc.sql("UPDATE cart.cart SET status = 'MERGED', merged_into = :into WHERE id = :id AND status = 'OPEN'")
                .param("into", into.value()).param("id", id.value()).update();
    }

    /** Closes an open cart that was idle too long, so its customer can have a new one. */
    void markExpired(CartId id) {
        jdbc.sql("UPDATE cart.cart SET status = 'EXPIRED' WHERE id = :id AND status = 'OPEN'").param("id", id.value()).update();
    }

    /** The cart and its lines, locked for update when {@code forUpdate}. */
    Optional<CartRow> find(CartId id, boolean forUpdate) {
        Optional<CartRow> cart = jdbc.sql("""
                        SELECT id, status, currency, country, locale, email, shipping_address, billing_address, company,
                               delivery_code, pickup_point_id, discount_codes, payment_method, gift_card_code, order_reference,
                               last_activity_at, customer_id, vat_number_check
                        FROM cart.cart WHERE id = :id
                        """ + (forUpdate ? " FOR UPDATE" : ""))
                .param("id", id.value())
                .query((row, n) -> row(row))
                .optional();
        return cart.map(found -> new CartRow(found.id(), found.status(), found.currency(), found.country(), found.locale(),
                found.customer(), found.deliveryCode(), found.pickupPointId(), found.discountCodes(), found.paymentMethod(),
                found.giftCardCode(), found.orderReference(),
                found.lastActivityAt(), jdbc.sql("SELECT id, sku, quantity FROM cart.line WHERE cart_id = :id ORDER BY added_at, sku")
                        .param("id", id.value())
                        .query((line, n) -> new CartRow.LineRow(line.getString("id"), line.getString("sku"), line.getInt("quantity")))
                        .list(), found.customerId(), found.vatNumberCheck()));
    }

    /** Adds units of a SKU (a new line, or more of an existing one); returns the line's id and new quantity. */
    CartRow.LineRow addUnits(CartId id, String sku, int quantity, Instant now) {
        return jdbc.sql("""
                        INSERT INTO cart.line (id, cart_id, sku, quantity, added_at) VALUES (:lineId, :cartId, :sku, :quantity, :now)
                        ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = line.quantity + EXCLUDED.quantity
                        RETURNING id, sku, quantity
                        """)
                .param("lineId", UUID.randomUUID()).param("cartId", id.value()).param("sku", sku)
                .param("quantity", quantity).param("now", Timestamp.from(now))
                .query((row, n) -> new CartRow.LineRow(row.getString("id"), row.getString("sku"), row.getInt("quantity")))
                .single();
    }

    boolean setQuantity(CartId id, String lineId, int quantity) {
        return jdbc.sql("UPDATE cart.line SET quantity = :quantity WHERE cart_id = :cartId AND id = :lineId")
                .param("quantity", quantity).param("cartId", id.value()).param("lineId", lineUuid(lineId)).update() == 1;
    }

    boolean removeLine(CartId id, String lineId) {
        return jdbc.sql("DELETE FROM cart.line WHERE cart_id = :cartId AND id = :lineId")
                .param("cartId", id.value()).param("lineId", lineUuid(lineId)).update() == 1;
    }

    /** @param vatNumberCheck what the check of the company's VAT number answered, null when none was made */
    void setCustomer(CartId id, CartCustomer customer, VatNumberVerdict vatNumberCheck) {
        jdbc.sql("""
                UPDATE cart.cart SET email = :email, shipping_address = CAST(:shipping AS JSONB),
                       billing_address = CAST(:billing AS JSONB), company = CAST(:company AS JSONB), country = :country,
                       vat_number_check = CAST(:check AS JSONB)
                WHERE id = :id
                """)
                .param("check", vatNumberCheck == null ? null : json.writeValueAsString(vatNumberCheck))
                .param("email", customer.email().value())
                .param("shipping", json.writeValueAsString(AddressJson.of(customer.shipping())))
                .param("billing", customer.billing() == null ? null : json.writeValueAsString(AddressJson.of(customer.billing())))
                .param("company", customer.company() == null ? null : json.writeValueAsString(customer.company()))
                .param("country", customer.shipping().country().value())
                .param("id", id.value()).update();
    }

    void setCountry(CartId id, CountryCode country) {
        jdbc.sql("UPDATE cart.cart SET country = :country WHERE id = :id")
                .param("country", country.value()).param("id", id.value()).update();
    }

    void setDelivery(CartId id, String code, String pickupPointId) {
        jdbc.sql("UPDATE cart.cart SET delivery_code = :code, pickup_point_id = :pickupPointId WHERE id = :id")
                .param("code", code).param("pickupPointId", pickupPointId).param("id", id.value()).update();
    }

    void setPaymentMethod(CartId id, String method, String giftCardCode) {
        jdbc.sql("UPDATE cart.cart SET payment_method = :method, gift_card_code = :code WHERE id = :id")
                .param("method", method).param("code", giftCardCode).param("id", id.value()).update();
    }

    void setDiscountCodes(CartId id, List<String> codes) {
        jdbc.sql("UPDATE cart.cart SET discount_codes = :codes WHERE id = :id")
                .param("codes", codes.toArray(String[]::new)).param("id", id.value()).update();
    }

    /**
     * Notes activity on an open cart that is not expired; false when the cart is missing, ordered or
     * idle since before {@code oldestActivity}.
     */
    boolean touch(CartId id, Instant now, Instant oldestActivity) {
        return jdbc.sql("""
                        UPDATE cart.cart SET last_activity_at = :now
                        WHERE id = :id AND status = 'OPEN' AND last_activity_at >= :oldest
                        """)
                .param("now", Timestamp.from(now)).param("id", id.value()).param("oldest", Timestamp.from(oldestActivity))
                .update() == 1;
    }

    /** Closes an open cart for the order made from it; false when it was not open any more. */
    boolean markOrdered(CartId id, String orderReference) {
        return jdbc.sql("UPDATE cart.cart SET status = 'ORDERED', order_reference = :reference WHERE id = :id AND status = 'OPEN'")
                .param("reference", orderReference).param("id", id.value()).update() == 1;
    }

    private static UUID lineUuid(String lineId) {
        try {
            return UUID.fromString(lineId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new UUID(0, 0);
        }
    }

    private CartRow row(ResultSet row) throws SQLException {
        String email = row.getString("email");
        CartCustomer customer = email == null ? null : new CartCustomer(EmailAddress.of(email),
                address(row.getString("shipping_address")), address(row.getString("billing_address")),
                row.getString("company") == null ? null : json.readValue(row.getString("company"), Company.class));
        Array codes = row.getArray("discount_codes");
        return new CartRow(new CartId(row.getObject("id", UUID.class)), row.getString("status"),
                Currency.getInstance(row.getString("currency")), CountryCode.of(row.getString("country")),
                Locale.forLanguageTag(row.getString("locale")), customer, row.getString("delivery_code"),
                row.getString("pickup_point_id"), List.of((String[]) codes.getArray()), row.getString("payment_method"),
                row.getString("gift_card_code"), row.getString("order_reference"),
                row.getTimestamp("last_activity_at").toInstant(), List.of(),
                row.getObject("customer_id") == null ? null : new CustomerId(row.getObject("customer_id", UUID.class)),
                row.getString("vat_number_check") == null ? null
                        : json.readValue(row.getString("vat_number_check"), VatNumberVerdict.class));
    }

    private Address address(String value) {
        return value == null ? null : json.readValue(value, AddressJson.class).address();
    }

}
