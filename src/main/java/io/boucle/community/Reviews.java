package io.boucle.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.boucle.audit.Audit;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewReview;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductFeedback;
import io.boucle.catalog.ReviewId;
import io.boucle.catalog.ReviewStatus;
import io.boucle.catalog.StaffReview;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.order.Orders;
import io.boucle.order.Purchase;
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews from verified buyers: a signed-in customer whose paid order holds the product (any of its
 * variants) may review it once. The review waits for staff, who publish it (then it shows, with the
 * "verified purchase" mark, and counts in the rating) or reject it for a stated reason, which its
 * author is sent.
 */
@Service
public class Reviews {

    public static final int MIN_BODY = 10;
    public static final int MAX_BODY = ProductFeedback.MAX_REVIEW_BODY;
    public static final int MAX_TITLE = ProductFeedback.MAX_REVIEW_TITLE;

    private final ProductFeedback feedback;
    private final Catalog catalog;
    private final Orders orders;
    private final Customers customers;
    private final Messaging messaging;
    private final String publicUrl;

    private final Audit audit;

    Reviews(ProductFeedback feedback, Catalog catalog, Orders orders, Customers customers, Messaging messaging,
            @Value("${boucle.public-url}") String publicUrl, Audit audit) {
        this.audit = audit;
        this.feedback = feedback;
        this.catalog = catalog;
        this.orders = orders;
        this.customers = customers;
        this.messaging = messaging;
        this.publicUrl = publicUrl;
    }

    /** Whether this shopper (empty for a guest) may review the product, or what became of their review. */
    public ReviewStanding standing(Optional<CustomerId> customer, ProductDetails product) {
        if (customer.isEmpty()) {
            return ReviewStanding.of(ReviewStanding.State.SIGN_IN_REQUIRED);
        }
        return alreadySent(customer.get(), product).orElseGet(() -> purchase(customer.get(), product).isPresent()
                ? ReviewStanding.of(ReviewStanding.State.MAY_REVIEW) : ReviewStanding.of(ReviewStanding.State.NOT_BOUGHT));
    }

    private Optional<ReviewStanding> alreadySent(CustomerId customer, ProductDetails product) {
        return feedback.reviewBy(product.slug(), customer.value()).map(sent -> switch (sent.status()) {
            case PENDING -> ReviewStanding.of(ReviewStanding.State.PENDING);
            case PUBLISHED -> ReviewStanding.of(ReviewStanding.State.PUBLISHED);
            case REJECTED -> new ReviewStanding(ReviewStanding.State.REJECTED, reason(sent));
        });
    }

    /**
     * Keeps the customer's review of the product, pending until staff moderate it.
     *
     * @param rating 1 to 5 stars; null when none was chosen
     * @throws InvalidFeedback when the rating or a text is missing or too long; nothing was written
     * @throws ReviewRefused   when the customer did not buy the product or already reviewed it
     * @throws NotFound        when no published product has this address
     */
    @Transactional
    public ReviewId submit(CustomerId customer, String productSlug, Integer rating, String title, String body, Locale locale) {
        ProductDetails product = catalog.findBySlug(productSlug, false).orElseThrow(() -> new NotFound("no product " + productSlug));
        String cleanTitle = Texts.clean(title);
        String cleanBody = Texts.clean(body);
        List<InvalidFeedback.Problem> problems = new ArrayList<>();
        if (rating == null || rating < 1 || rating > 5) {
            problems.add(new InvalidFeedback.Problem("rating", "rating.required"));
        }
        if (cleanTitle.length() > MAX_TITLE) {
            problems.add(new InvalidFeedback.Problem("title", "title.tooLong"));
        }
        if (cleanBody.length() < MIN_BODY) {
            problems.add(new InvalidFeedback.Problem("body", "body.tooShort"));
        } else if (cleanBody.length() > MAX_BODY) {
            problems.add(new InvalidFeedback.Problem("body", "body.tooLong"));
        }
        Optional<ReviewStanding> sent = alreadySent(customer, product);
        if (sent.isPresent()) {
            throw new ReviewRefused(sent.get());
        }
        Purchase purchase = purchase(customer, product)
                .orElseThrow(() -> new ReviewRefused(ReviewStanding.of(ReviewStanding.State.NOT_BOUGHT)));
        if (!problems.isEmpty()) {
            throw new InvalidFeedback(problems);
        }
        String author = customers.find(customer).map(Customer::name).map(Texts::publicName).filter(name -> !name.isEmpty())
                .orElse("—");
        try {
            return feedback.submitReview(product.slug(), new NewReview(customer.value(), author, rating, cleanTitle, cleanBody,
                    Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "fr", purchase.number().value(),
                    purchase.paidAt()));
        } catch (IllegalStateException e) {
            // The same customer sent one a moment ago (a double click).
            throw new ReviewRefused(ReviewStanding.of(ReviewStanding.State.PENDING));
        }
    }

    /** For staff: reviews in this status, pending ones oldest first. */
    public Page<StaffReview> list(ReviewStatus status, int page, int size) {
        return feedback.reviews(status, Math.max(page, 0), Math.clamp(size, 1, 100));
    }

    public Optional<StaffReview> find(ReviewId id) {
        return feedback.review(id);
    }

    public Map<ReviewStatus, Long> counts() {
        return feedback.reviewCounts();
    }

    /** Publishes a pending or rejected review; empty when it was already published (or is unknown). */
    @Transactional
    public Optional<StaffReview> publish(ReviewId id, String staff) {
        Optional<StaffReview> published = feedback.publish(id, staff);
        published.ifPresent(review -> audit.record("review.publish", "review", id.value().toString(), review.productSlug() + ": published"));
        return published;
    }

    /**
     * Rejects a pending or published review, and tells its author why (by email, when it came from
     * a customer account). Empty when it was already rejected (or is unknown): nobody is told twice.
     */
    @Transactional
    public Optional<StaffReview> reject(ReviewId id, RejectionReason reason, String staff) {
        Optional<StaffReview> rejected = feedback.reject(id, reason.name(), staff);
        rejected.ifPresent(review -> audit.record("review.reject", "review", id.value().toString(), review.productSlug() + ": rejected, " + reason));
        rejected.filter(review -> review.reviewer() != null)
                .flatMap(review -> customers.find(new CustomerId(review.reviewer())).map(author -> Map.entry(review, author)))
                .ifPresent(entry -> tellAuthor(entry.getKey(), entry.getValue(), reason));
        return rejected;
    }

    private void tellAuthor(StaffReview review, Customer author, RejectionReason reason) {
        Locale locale = author.locale();
        Map<String, Object> model = new HashMap<>();
        model.put("name", author.name());
        model.put("product", review.productTitle().in(locale));
        model.put("reason", reason.name());
        model.put("title", review.title());
        model.put("body", review.body());
        model.put("productUrl", publicUrl + "/p/" + review.productSlug());
        messaging.send(Email.of(author.email(), "review-rejected", locale, model)
                .withSubjectArguments(review.productTitle().in(locale))
                .withReference("review:" + review.id()));
    }

    private Optional<Purchase> purchase(CustomerId customer, ProductDetails product) {
        return orders.latestPurchase(customer, product.variants().stream().map(ProductDetails.Variant::sku).toList());
    }

    private static RejectionReason reason(StaffReview review) {
        try {
            return review.rejectionReason() == null ? null : RejectionReason.valueOf(review.rejectionReason());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
