package io.boucle.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.boucle.audit.Audit;
import io.boucle.catalog.ProductFeedback;
import io.boucle.community.Questions;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.customer.Wishlists;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything about a customer as one JSON file, and the erasure of their personal data. The export
 * holds the account, its consents with their history, the addresses and orders (placed signed in, or
 * as a guest with the same email), the messages sent to them, their reviews, the questions waiting
 * to be answered to them, their wishlist and the staff's notes about them.
 * <p>
 * Erasure keeps what the law requires: invoices and credit notes are not touched (they are kept ten
 * years, Code de commerce L123-22, readable by owners and accountants only), and orders stay with
 * their amounts but without the person's email, names and street lines.
 */
@Service
public class PersonalData {

    /** What erased people's reviews are signed with. */
    public static final String ERASED_AUTHOR = "—";

    private final Customers customers;
    private final Wishlists wishlists;
    private final Orders orders;
    private final Messaging messaging;
    private final ProductFeedback feedback;
    private final Questions questions;
    private final Audit audit;
    private final JsonMapper json;
    private final Clock clock;

    PersonalData(Customers customers, Wishlists wishlists, Orders orders, Messaging messaging, ProductFeedback feedback,
            Questions questions, Audit audit, JsonMapper json, Clock clock) {
        this.customers = customers;
        this.wishlists = wishlists;
        this.orders = orders;
        this.messaging = messaging;
        this.feedback = feedback;
        this.questions = questions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The file's name, e.g. {@code boucle-donnees-<id>.json}. */
    public static String fileName(CustomerId id) {
        return "boucle-donnees-" + id + ".json";
    }

    /** Everything about the customer, as UTF-8 JSON; audited when a staff member asks. */
    @Transactional
    public byte[] export(CustomerId id) {
        Customer customer = customers.find(id).orElseThrow(() -> new NotFound("no customer " + id));
        List<OrderView> placed = orders.ofPerson(id, customer.email());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("exportedAt", Instant.now(clock).toString());
        file.put("controller", "Boucle");
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id.toString());
        account.put("email", customer.email().value());
        account.put("name", customer.name());
        account.put("language", customer.locale().toLanguageTag());
        account.put("createdAt", customer.createdAt().toString());
        account.put("marketingEmails", customer.marketingEmails());
        customers.erasedAt(id).ifPresent(at -> account.put("erasedAt", at.toString()));
        file.put("account", account);
        file.put("consents", customers.consents(id));
        Set<Object> addresses = new LinkedHashSet<>();
        placed.forEach(order -> {
            addresses.add(order.shipping());
            addresses.add(order.billing());
        });
        file.put("addresses", addresses);
        List<Map<String, Object>> orderFiles = new ArrayList<>();
        for (OrderView order : placed) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.convertValue(order, LinkedHashMap.class);
            fields.remove("accessToken");
            orderFiles.add(fields);
        }
        file.put("orders", orderFiles);
        file.put("messages", messaging.sentTo(customer.email()).stream().map(message -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("template", message.template());
            fields.put("recipient", message.recipient());
            fields.put("subject", message.subject());
            fields.put("status", message.status());
            fields.put("createdAt", String.valueOf(message.createdAt()));
            fields.put("text", message.bodyText());
            return fields;
        }).toList());
        file.put("reviews", feedback.reviewsBy(id.value()));
        file.put("questions", questions.followedBy(customer.email()));
        file.put("wishlist", wishlists.productSlugs(id));
        file.put("staffNotes", customers.notes(id));
        audit.record("customer.export", "customer", id.toString(), "personal data exported (" + placed.size() + " orders)");
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
    }

    /**
     * Erases the customer's personal data, all in one transaction: the account (they cannot sign in
     * any more), consents, wishlist and notes; their name and email on orders and messages; their name
     * on reviews; their address on questions. Invoices stay as issued.
     *
     * @return false when the customer was erased already
     */
    @Transactional
    public boolean erase(CustomerId id) {
        Customer customer = customers.find(id).orElseThrow(() -> new NotFound("no customer " + id));
        if (!customers.erase(id)) {
            return false;
        }
        String placeholder = "erased-" + id + "@" + Customers.ERASED_DOMAIN;
        orders.anonymise(id, customer.email(), placeholder);
        messaging.forget(customer.email(), placeholder);
        feedback.anonymiseReviews(id.value(), ERASED_AUTHOR);
        questions.forget(customer.email());
        return true;
    }
}
