package io.boucle.community;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.boucle.audit.Audit;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductFeedback;
import io.boucle.catalog.QuestionId;
import io.boucle.catalog.QuestionStatus;
import io.boucle.catalog.StaffQuestion;
import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shoppers' questions about a product: anyone may ask (a few an hour per client address), and
 * leave an email address to be sent the answer. A question shows on the product page once staff
 * answer it; then the answer is emailed and the address forgotten. Staff may also set a question
 * aside (spam, nothing to answer): it never shows, and its address is forgotten too.
 */
@Service
public class Questions {

    public static final int MIN_QUESTION = 10;
    public static final int MAX_QUESTION = ProductFeedback.MAX_QUESTION;
    public static final int MAX_ANSWER = ProductFeedback.MAX_ANSWER;

    private final ProductFeedback feedback;
    private final Catalog catalog;
    private final QuestionThrottle throttle;
    private final Messaging messaging;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final String publicUrl;

    private final Audit audit;

    Questions(ProductFeedback feedback, Catalog catalog, QuestionThrottle throttle, Messaging messaging, JdbcClient jdbc,
            java.time.Clock clock, @Value("${boucle.public-url}") String publicUrl, Audit audit) {
        this.audit = audit;
        this.feedback = feedback;
        this.catalog = catalog;
        this.throttle = throttle;
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /**
     * Keeps a question about a published product, pending until staff answer it.
     *
     * @param email  where to send the answer; blank for none
     * @param client the address the question comes from, for the throttle
     * @throws InvalidFeedback    when the question is too short or too long, or the email address is not one
     * @throws QuestionsThrottled when this client asked too many questions lately
     * @throws NotFound           when no published product has this address
     */
    @Transactional
    public QuestionId ask(String productSlug, String question, String email, Locale locale, String client) {
        ProductDetails product = catalog.findBySlug(productSlug, false).orElseThrow(() -> new NotFound("no product " + productSlug));
        String text = Texts.clean(question);
        String address = email == null ? "" : email.strip();
        List<InvalidFeedback.Problem> problems = new ArrayList<>();
        if (text.length() < MIN_QUESTION) {
            problems.add(new InvalidFeedback.Problem("question", "question.tooShort"));
        } else if (text.length() > MAX_QUESTION) {
            problems.add(new InvalidFeedback.Problem("question", "question.tooLong"));
        }
        if (!address.isEmpty() && !EmailAddress.isValid(address)) {
            problems.add(new InvalidFeedback.Problem("email", "email.invalid"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFeedback(problems);
        }
        throttle.count(client);
        String language = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "fr";
        QuestionId id = feedback.ask(product.slug(), text, language);
        if (!address.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO community.question_follower (question_id, email, locale, created_at)
                    VALUES (:id, :email, :locale, :now)
                    """)
                    .param("id", id.value()).param("email", EmailAddress.of(address).value()).param("locale", language)
                    .param("now", java.sql.Timestamp.from(java.time.Instant.now(clock)))
                    .update();
        }
        return id;
    }

    /** For staff: questions in this status, pending ones oldest first. */
    public Page<StaffQuestion> list(QuestionStatus status, int page, int size) {
        return feedback.questions(status, Math.max(page, 0), Math.clamp(size, 1, 100));
    }

    public Optional<StaffQuestion> find(QuestionId id) {
        return feedback.question(id);
    }

    public Map<QuestionStatus, Long> counts() {
        return feedback.questionCounts();
    }

    /** Those of these questions whose answer will be emailed. */
    @Transactional(readOnly = true)
    public Set<QuestionId> followed(Collection<QuestionId> questions) {
        if (questions.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT question_id FROM community.question_follower WHERE question_id IN (:ids)")
                .param("ids", questions.stream().map(QuestionId::value).toList())
                .query(UUID.class).list().stream().map(QuestionId::new).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Answers a pending question: it shows on the product page, and the answer is emailed to whoever
     * asked, if they left an address (then forgotten).
     *
     * @return the question answered; empty when it was not pending any more (answered or set aside meanwhile)
     * @throws InvalidFeedback when the answer is blank or too long; nothing was written
     */
    @Transactional
    public Optional<StaffQuestion> answer(QuestionId id, String answer, String staff) {
        String text = Texts.clean(answer);
        if (text.isEmpty()) {
            throw new InvalidFeedback(List.of(new InvalidFeedback.Problem("answer", "answer.required")));
        }
        if (text.length() > MAX_ANSWER) {
            throw new InvalidFeedback(List.of(new InvalidFeedback.Problem("answer", "answer.tooLong")));
        }
        Optional<StaffQuestion> answered = feedback.answer(id, text, staff);
        answered.ifPresent(question -> audit.record("question.answer", "question", id.value().toString(),
                question.productSlug() + ": " + text));
        answered.ifPresent(question -> takeFollower(id).ifPresent(follower -> {
            Locale locale = Locale.forLanguageTag(follower.locale());
            Map<String, Object> model = new HashMap<>();
            model.put("product", question.productTitle().in(locale));
            model.put("question", question.question());
            model.put("answer", question.answer());
            model.put("productUrl", publicUrl + "/p/" + question.productSlug());
            messaging.send(Email.of(EmailAddress.of(follower.email()), "question-answered", locale, model)
                    .withSubjectArguments(question.productTitle().in(locale))
                    .withReference("question:" + id));
        }));
        return answered;
    }

    /** Sets a pending question aside: never shown, nobody emailed. Empty when it was not pending. */
    @Transactional
    public Optional<StaffQuestion> reject(QuestionId id) {
        Optional<StaffQuestion> rejected = feedback.rejectQuestion(id);
        rejected.ifPresent(question -> {
            takeFollower(id);
            audit.record("question.reject", "question", id.value().toString(), question.productSlug() + ": set aside");
        });
        return rejected;
    }

    private record Follower(String email, String locale) {
    }

    /** The questions still waiting for an answer to be emailed to this address. */
    @Transactional(readOnly = true)
    public List<StaffQuestion> followedBy(EmailAddress email) {
        return jdbc.sql("SELECT question_id FROM community.question_follower WHERE lower(email) = lower(:email) ORDER BY created_at")
                .param("email", email.value())
                .query((row, n) -> new QuestionId(row.getObject("question_id", java.util.UUID.class))).list().stream()
                .flatMap(id -> feedback.question(id).stream()).toList();
    }

    /** For an erasure: this address is forgotten; the questions stay, answered to nobody. */
    @Transactional
    public int forget(EmailAddress email) {
        return jdbc.sql("DELETE FROM community.question_follower WHERE lower(email) = lower(:email)")
                .param("email", email.value()).update();
    }

    private Optional<Follower> takeFollower(QuestionId id) {
        return jdbc.sql("DELETE FROM community.question_follower WHERE question_id = :id RETURNING email, locale")
                .param("id", id.value())
                .query((row, n) -> new Follower(row.getString("email"), row.getString("locale"))).optional();
    }
}
