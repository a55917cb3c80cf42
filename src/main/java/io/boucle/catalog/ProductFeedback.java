package io.boucle.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.shared.Identifiers;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What shoppers write about products: reviews, which staff publish or reject, and questions, which
 * staff answer or set aside. Whoever calls decides who may write (the catalog knows no orders); the
 * product page shows only published reviews and answered questions, and only they count in a
 * product's rating.
 */
@Service
public class ProductFeedback {

    /** The longest texts kept; callers check them to tell the shopper. */
    public static final int MAX_REVIEW_TITLE = 120;
    public static final int MAX_REVIEW_BODY = 2_000;
    public static final int MAX_QUESTION = 1_000;
    public static final int MAX_ANSWER = 2_000;
    public static final int MAX_AUTHOR = 100;

    private static final String REVIEW_COLUMNS = """
            SELECT r.id, p.slug, p.title_fr, p.title_en, r.author, r.rating, r.title, r.body, r.locale, r.status, r.reviewer,
                   r.order_reference, r.purchased_at, r.created_at, r.moderated_at, r.moderated_by, r.rejection_reason
            FROM catalog.review r JOIN catalog.product p ON p.id = r.product_id
            """;

    private static final String QUESTION_COLUMNS = """
            SELECT q.id, p.slug, p.title_fr, p.title_en, q.question, q.answer, q.locale, q.status, q.created_at,
                   q.answered_at, q.answered_by
            FROM catalog.question q JOIN catalog.product p ON p.id = q.product_id
            """;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;

    ProductFeedback(JdbcClient jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    // Reviews

    /**
     * Keeps a shopper's review, pending until staff publish it.
     *
     * @throws IllegalArgumentException when the product is unknown or a text is out of bounds
     * @throws IllegalStateException    when this reviewer already reviewed this product
     */
    @Transactional
    public ReviewId submitReview(String productSlug, NewReview review) {
        if (review.rating() < 1 || review.rating() > 5) {
            throw new IllegalArgumentException("a rating is between 1 and 5");
        }
        requireLength("body", review.body(), 1, MAX_REVIEW_BODY);
        requireLength("title", review.title(), 0, MAX_REVIEW_TITLE);
        requireLength("author", review.author(), 1, MAX_AUTHOR);
        ReviewId id = new ReviewId(Identifiers.newUuid(clock));
        try {
            int inserted = jdbc.sql("""
                    INSERT INTO catalog.review (id, product_id, author, rating, title, body, locale, status, reviewer,
                                                order_reference, purchased_at, created_at)
                    SELECT :id, p.id, :author, :rating, :title, :body, :locale, 'PENDING', :reviewer, :order, :purchasedAt, :now
                    FROM catalog.product p WHERE p.slug = :slug
                    """)
                    .param("id", id.value()).param("author", review.author()).param("rating", review.rating())
                    .param("title", review.title()).param("body", review.body()).param("locale", review.locale())
                    .param("reviewer", review.reviewer()).param("order", review.orderReference())
                    .param("purchasedAt", review.purchasedAt() == null ? null : Timestamp.from(review.purchasedAt()))
                    .param("now", Timestamp.from(Instant.now(clock))).param("slug", productSlug)
                    .update();
            if (inserted == 0) {
                throw new IllegalArgumentException("unknown product '" + productSlug + "'");
            }
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("this reviewer already reviewed '" + productSlug + "'", e);
        }
        return id;
    }

    /** The review this reviewer sent about the product, whatever became of it. */
    @Transactional(readOnly = true)
    public Optional<StaffReview> reviewBy(String productSlug, UUID reviewer) {
        return jdbc.sql(REVIEW_COLUMNS + " WHERE p.slug = :slug AND r.reviewer = :reviewer")
                .param("slug", productSlug).param("reviewer", reviewer)
                .query((row, n) -> review(row)).optional();
    }

    /** Every review this reviewer (a customer id) sent, whatever became of it, oldest first. */
    @Transactional(readOnly = true)
    public List<StaffReview> reviewsBy(UUID reviewer) {
        return jdbc.sql(REVIEW_COLUMNS + " WHERE r.reviewer = :reviewer ORDER BY r.created_at, r.id")
                .param("reviewer", reviewer).query((row, n) -> review(row)).list();
    }

    /**
     * For an erasure: the reviewer's reviews stay (ratings and texts were published about a product)
     * but under the author name {@code author} and no longer linked to the reviewer.
     */
    @Transactional
    public int anonymiseReviews(UUID reviewer, String author) {
        catalog.changed();
        return jdbc.sql("UPDATE catalog.review SET author = :author, reviewer = NULL WHERE reviewer = :reviewer")
                .param("author", author).param("reviewer", reviewer).update();
    }

    @Transactional(readOnly = true)
    public Optional<StaffReview> review(ReviewId id) {
        return jdbc.sql(REVIEW_COLUMNS + " WHERE r.id = :id").param("id", id.value())
                .query((row, n) -> review(row)).optional();
    }

    /** Reviews in this status: pending ones oldest first (a queue), the others most recently moderated first. */
    @Transactional(readOnly = true)
    public Page<StaffReview> reviews(ReviewStatus status, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM catalog.review WHERE status = :status")
                .param("status", status.name()).query(Long.class).single();
        String order = status == ReviewStatus.PENDING ? " ORDER BY r.created_at, r.id"
                : " ORDER BY coalesce(r.moderated_at, r.created_at) DESC, r.id DESC";
        List<StaffReview> items = jdbc.sql(REVIEW_COLUMNS + " WHERE r.status = :status" + order + " LIMIT :size OFFSET :offset")
                .param("status", status.name()).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> review(row)).list();
        return new Page<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public Map<ReviewStatus, Long> reviewCounts() {
        Map<ReviewStatus, Long> counts = new EnumMap<>(ReviewStatus.class);
        for (ReviewStatus status : ReviewStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM catalog.review GROUP BY status")
                .query((row, n) -> counts.put(ReviewStatus.valueOf(row.getString("status")), row.getLong("n"))).list();
        return counts;
    }

    /**
     * Shows a pending (or earlier rejected) review on the product page and counts it in the rating.
     *
     * @return the review, or empty when it was not pending or rejected (already published, or unknown)
     */
    @Transactional
    public Optional<StaffReview> publish(ReviewId id, String staff) {
        catalog.changed();
        int changed = jdbc.sql("""
                UPDATE catalog.review SET status = 'PUBLISHED', moderated_at = :now, moderated_by = :staff, rejection_reason = NULL
                WHERE id = :id AND status IN ('PENDING', 'REJECTED')
                """)
                .param("now", Timestamp.from(Instant.now(clock))).param("staff", staff).param("id", id.value()).update();
        return changed == 0 ? Optional.empty() : review(id);
    }

    /**
     * Keeps a pending (or published) review off the product page, for {@code reason}.
     *
     * @return the review, or empty when it was already rejected, or unknown
     */
    @Transactional
    public Optional<StaffReview> reject(ReviewId id, String reason, String staff) {
        requireLength("reason", reason, 1, 200);
        catalog.changed();
        int changed = jdbc.sql("""
                UPDATE catalog.review SET status = 'REJECTED', moderated_at = :now, moderated_by = :staff, rejection_reason = :reason
                WHERE id = :id AND status IN ('PENDING', 'PUBLISHED')
                """)
                .param("now", Timestamp.from(Instant.now(clock))).param("staff", staff).param("reason", reason)
                .param("id", id.value()).update();
        return changed == 0 ? Optional.empty() : review(id);
    }

    // Questions

    /**
     * Keeps a shopper's question, pending until staff answer it.
     *
     * @throws IllegalArgumentException when the product is unknown or the text is out of bounds
     */
    @Transactional
    public QuestionId ask(String productSlug, String question, String locale) {
        requireLength("question", question, 1, MAX_QUESTION);
        QuestionId id = new QuestionId(Identifiers.newUuid(clock));
        int inserted = jdbc.sql("""
                INSERT INTO catalog.question (id, product_id, question, locale, status, created_at)
                SELECT :id, p.id, :question, :locale, 'PENDING', :now FROM catalog.product p WHERE p.slug = :slug
                """)
                .param("id", id.value()).param("question", question).param("locale", locale)
                .param("now", Timestamp.from(Instant.now(clock))).param("slug", productSlug)
                .update();
        if (inserted == 0) {
            throw new IllegalArgumentException("unknown product '" + productSlug + "'");
        }
        return id;
    }

    @Transactional(readOnly = true)
    public Optional<StaffQuestion> question(QuestionId id) {
        return jdbc.sql(QUESTION_COLUMNS + " WHERE q.id = :id").param("id", id.value())
                .query((row, n) -> question(row)).optional();
    }

    /** Questions in this status: pending ones oldest first (a queue), the others newest first. */
    @Transactional(readOnly = true)
    public Page<StaffQuestion> questions(QuestionStatus status, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM catalog.question WHERE status = :status")
                .param("status", status.name()).query(Long.class).single();
        String order = status == QuestionStatus.PENDING ? " ORDER BY q.created_at, q.id"
                : " ORDER BY coalesce(q.answered_at, q.rejected_at, q.created_at) DESC, q.id DESC";
        List<StaffQuestion> items = jdbc.sql(QUESTION_COLUMNS + " WHERE q.status = :status" + order + " LIMIT :size OFFSET :offset")
                .param("status", status.name()).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> question(row)).list();
        return new Page<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public Map<QuestionStatus, Long> questionCounts() {
        Map<QuestionStatus, Long> counts = new EnumMap<>(QuestionStatus.class);
        for (QuestionStatus status : QuestionStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM catalog.question GROUP BY status")
                .query((row, n) -> counts.put(QuestionStatus.valueOf(row.getString("status")), row.getLong("n"))).list();
        return counts;
    }

    /**
     * Answers a pending question, which then shows on the product page.
     *
     * @return the question answered, or empty when it was not pending (answered or set aside meanwhile, or unknown)
     */
    @Transactional
    public Optional<StaffQuestion> answer(QuestionId id, String answer, String staff) {
        requireLength("answer", answer, 1, MAX_ANSWER);
        catalog.changed();
        int changed = jdbc.sql("""
                UPDATE catalog.question SET status = 'ANSWERED', answer = :answer, answered_at = :now, answered_by = :staff
                WHERE id = :id AND status = 'PENDING'
                """)
                .param("answer", answer).param("now", Timestamp.from(Instant.now(clock))).param("staff", staff)
                .param("id", id.value()).update();
        return changed == 0 ? Optional.empty() : question(id);
    }

    /**
     * Sets a pending question aside (spam, or nothing to answer): it is never shown.
     *
     * @return the question, or empty when it was not pending
     */
    @Transactional
    public Optional<StaffQuestion> rejectQuestion(QuestionId id) {
        int changed = jdbc.sql("UPDATE catalog.question SET status = 'REJECTED', rejected_at = :now WHERE id = :id AND status = 'PENDING'")
                .param("now", Timestamp.from(Instant.now(clock))).param("id", id.value()).update();
        return changed == 0 ? Optional.empty() : question(id);
    }

    private static void requireLength(String field, String text, int min, int max) {
        int length = text == null ? 0 : text.length();
        if (length < min || length > max) {
            throw new IllegalArgumentException(field + ": between " + min + " and " + max + " characters");
        }
    }

    private static StaffReview review(ResultSet row) throws SQLException {
        return new StaffReview(new ReviewId(row.getObject("id", UUID.class)), row.getString("slug"),
                LocalizedText.of(row.getString("title_fr"), row.getString("title_en")), row.getString("author"),
                row.getInt("rating"), row.getString("title"), row.getString("body"), row.getString("locale"),
                ReviewStatus.valueOf(row.getString("status")), row.getObject("reviewer", UUID.class),
                row.getString("order_reference"), instant(row, "purchased_at"), instant(row, "created_at"),
                instant(row, "moderated_at"), row.getString("moderated_by"), row.getString("rejection_reason"));
    }

    private static StaffQuestion question(ResultSet row) throws SQLException {
        return new StaffQuestion(new QuestionId(row.getObject("id", UUID.class)), row.getString("slug"),
                LocalizedText.of(row.getString("title_fr"), row.getString("title_en")), row.getString("question"),
                row.getString("answer"), row.getString("locale"), QuestionStatus.valueOf(row.getString("status")),
                instant(row, "created_at"), instant(row, "answered_at"), row.getString("answered_by"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
