package io.boucle.storefront;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.util.GreenMail;
import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.messaging.Messaging;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shoppers' questions: asked by anyone, answered by staff, the answer shown and emailed. */
@IntegrationTest
class ProductQuestionsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    Messaging messaging;

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    StoreFixtures store;
    Http http;
    String slug;
    /** The address this test's requests come from (through the trusted proxy header), so no test throttles another. */
    String client;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        store = new StoreFixtures(new Http(port), json, catalog);
        http = new Http(port);
        slug = store.product("bouilloire", "45.00", 5).toLowerCase(Locale.ROOT);
        client = "198.19." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void aQuestionWaitsForItsAnswerWhichIsShownAndEmailedToWhoeverAsked() {
        String email = "curieux-" + store.id + "@example.org";
        String page = http.get("/p/" + slug).body();
        assertThat(page).contains("Poser une question").contains("Aucune question n&#39;a encore reçu de réponse.");

        HttpResponse<String> asked = post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Quelle est sa contenance ?", "email", email, "site", ""));
        assertThat(location(asked)).isEqualTo("/p/" + slug);
        assertThat(http.get("/p/" + slug).body()).contains("Nous vous enverrons la réponse par e-mail")
                .doesNotContain("Quelle est sa contenance ?");
        UUID question = questionId();
        assertThat(followers(question)).isEqualTo(1);

        Http staff = logins.signedIn(Role.SUPPORT);
        String queue = staff.get("/admin/questions").body();
        assertThat(queue).contains("Quelle est sa contenance ?").contains("Réponse à envoyer par e-mail").contains("Article bouilloire");
        HttpResponse<String> blank = staff.postForm("/admin/questions/" + question + "/answer",
                Http.form("_csrf", Http.csrfToken(queue), "answer", "  "));
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("Écrivez une réponse.");
        HttpResponse<String> answered = staff.postForm("/admin/questions/" + question + "/answer",
                Http.form("_csrf", Http.csrfToken(queue), "answer", "1,7 litre, soit 7 tasses."));
        assertThat(location(answered)).isEqualTo("/admin/questions");
        assertThat(staff.get("/admin/questions").body()).contains("Réponse publiée.").doesNotContain("Quelle est sa contenance ?");
        assertThat(staff.get("/admin/questions?status=ANSWERED").body()).contains("Quelle est sa contenance ?")
                .contains("1,7 litre, soit 7 tasses.");

        String shown = new Http(port).get("/p/" + slug).body();
        assertThat(shown).contains("Quelle est sa contenance ?").contains("1,7 litre, soit 7 tasses.");
        assertThat(followers(question)).as("the address is forgotten once the answer is sent").isZero();
        assertThat(messaging.forReference("question:" + question)).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Réponse à votre question sur « Article bouilloire »");
            assertThat(message.bodyText()).contains("Quelle est sa contenance ?").contains("1,7 litre, soit 7 tasses.")
                    .contains("/p/" + slug);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subjectsReceivedBy(email))
                .containsExactly("Réponse à votre question sur « Article bouilloire »"));

        assertThat(staff.postForm("/admin/questions/" + question + "/answer",
                Http.form("_csrf", Http.csrfToken(queue), "answer", "Autre réponse.")).statusCode()).isEqualTo(302);
        assertThat(staff.get("/admin/questions").body()).contains("Cette question était déjà traitée");
        assertThat(messaging.forReference("question:" + question)).as("emailed once").hasSize(1);
    }

    @Test
    void aQuestionWithoutAnEmailIsAnsweredOnThePageOnly() {
        String page = http.get("/p/" + slug + "?lang=en").body();
        assertThat(page).contains("Ask a question").contains("Your email address (optional)");
        assertThat(location(post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Does it whistle when it boils?")))).isEqualTo("/p/" + slug);
        UUID question = questionId();
        assertThat(followers(question)).isZero();
        assertThat(jdbc.sql("SELECT locale FROM catalog.question WHERE id = :id").param("id", question).query(String.class).single())
                .isEqualTo("en");

        Http staff = logins.signedIn(Role.MANAGER);
        String queue = staff.get("/admin/questions").body();
        assertThat(queue).doesNotContain("Réponse à envoyer par e-mail");
        staff.postForm("/admin/questions/" + question + "/answer", Http.form("_csrf", Http.csrfToken(queue), "answer", "No, it clicks."));

        assertThat(new Http(port).get("/p/" + slug).body()).contains("Does it whistle when it boils?").contains("No, it clicks.");
        assertThat(messaging.forReference("question:" + question)).isEmpty();
    }

    @Test
    void aQuestionSetAsideIsNeverShownNorEmailed() {
        String page = http.get("/p/" + slug).body();
        post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page), "question", "Achetez des montres pas chères ici",
                "email", "spam-" + store.id + "@example.org"));
        UUID question = questionId();

        Http staff = logins.signedIn(Role.OWNER);
        String queue = staff.get("/admin/questions").body();
        assertThat(location(staff.postForm("/admin/questions/" + question + "/reject", Http.form("_csrf", Http.csrfToken(queue)))))
                .isEqualTo("/admin/questions");

        assertThat(staff.get("/admin/questions?status=REJECTED").body()).contains("Achetez des montres");
        assertThat(new Http(port).get("/p/" + slug).body()).doesNotContain("Achetez des montres");
        assertThat(followers(question)).isZero();
        assertThat(messaging.forReference("question:" + question)).isEmpty();
    }

    @Test
    void mistakesAreShownOnTheFormAndNothingIsKept() {
        String page = http.get("/p/" + slug).body();

        HttpResponse<String> refused = post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Et ?", "email", "pas-une-adresse"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Votre question fait au moins 10 caractères.")
                .contains("Saisissez une adresse e-mail valide, ou laissez le champ vide.").contains("value=\"pas-une-adresse\"")
                .contains("aria-invalid=\"true\"");
        HttpResponse<String> tooLong = post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "?".repeat(1001)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Votre question fait au plus 1");
        assertThat(questionCount()).isZero();
        assertThat(post("/p/no-such-product-" + store.id + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Une question sans produit")).statusCode()).isEqualTo(404);
    }

    @Test
    void robotsFillingTheHiddenFieldAreThankedAndIgnored() {
        String page = http.get("/p/" + slug).body();
        assertThat(page).contains("name=\"site\"");

        HttpResponse<String> robot = post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Great product, visit my site", "email", "robot@example.org", "site", "https://spam.example"));

        assertThat(location(robot)).isEqualTo("/p/" + slug);
        assertThat(questionCount()).isZero();
    }

    @Test
    void oneClientAsksAFewQuestionsAnHourAtMost() {
        String page = http.get("/p/" + slug).body();
        for (int i = 1; i <= 5; i++) {
            assertThat(post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                    "question", "Question numéro " + i + " ?")).statusCode()).isEqualTo(302);
        }

        HttpResponse<String> sixth = post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Question numéro 6 ?"));

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Vous avez posé beaucoup de questions en peu de temps.");
        assertThat(questionCount()).isEqualTo(5);
        client = "198.19.255." + ThreadLocalRandom.current().nextInt(1, 255);
        assertThat(post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page),
                "question", "Une autre personne demande ?")).statusCode()).as("another client").isEqualTo(302);
    }

    @Test
    void questionPagesNeedAStaffRoleAndACsrfToken() {
        String page = http.get("/p/" + slug).body();
        post("/p/" + slug + "/questions", Http.form("_csrf", Http.csrfToken(page), "question", "Garantie de combien d'années ?"));
        UUID question = questionId();

        assertThat(location(new Http(port).get("/admin/questions"))).isEqualTo("/admin/login");
        Http support = logins.signedIn(Role.SUPPORT);
        assertThat(support.postForm("/admin/questions/" + question + "/answer", "answer=Deux+ans.").statusCode())
                .as("no CSRF token").isEqualTo(403);
        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        assertThat(accountant.postForm("/admin/questions/" + question + "/answer",
                Http.form("_csrf", Http.csrfToken(accountant.get("/admin").body()), "answer", "Deux ans.")).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT status FROM catalog.question WHERE id = :id").param("id", question).query(String.class).single())
                .isEqualTo("PENDING");
    }

    @Test
    void visitorsServedTheSameKeptPageEachPostWithTheirOwnToken() {
        Http other = new Http(port);
        String first = http.get("/p/" + slug).body();
        String second = other.get("/p/" + slug).body();
        assertThat(Http.csrfToken(second)).isNotEqualTo(Http.csrfToken(first));
        assertThat(second.replace(Http.csrfToken(second), "")).isEqualTo(first.replace(Http.csrfToken(first), ""));

        HttpResponse<String> asked = other.send(other.request("/p/" + slug + "/questions")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(Http.form("_csrf", Http.csrfToken(second),
                        "question", "Est-elle silencieuse ?", "email", "", "site", ""))).build());
        assertThat(location(asked)).isEqualTo("/p/" + slug);
        assertThat(questionCount()).isEqualTo(1);
    }

    private HttpResponse<String> post(String path, String form) {
        return http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private long questionCount() {
        return jdbc.sql("SELECT count(*) FROM catalog.question q JOIN catalog.product p ON p.id = q.product_id WHERE p.slug = :slug")
                .param("slug", slug).query(Long.class).single();
    }

    private UUID questionId() {
        return jdbc.sql("""
                        SELECT q.id FROM catalog.question q JOIN catalog.product p ON p.id = q.product_id WHERE p.slug = :slug
                        ORDER BY q.created_at DESC LIMIT 1
                        """)
                .param("slug", slug).query(UUID.class).single();
    }

    private long followers(UUID question) {
        return jdbc.sql("SELECT count(*) FROM community.question_follower WHERE question_id = :id").param("id", question)
                .query(Long.class).single();
    }

    /** Where a redirect points, without scheme, host and fragment. */
    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", "");
    }

    /** The subjects of the messages GreenMail received for this address. */
    private java.util.List<String> subjectsReceivedBy(String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                return recipients != null && Arrays.stream(recipients)
                        .anyMatch(address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(email));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).map(message -> {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
