package io.boucle.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.icegreen.greenmail.util.GreenMail;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole path of an email: rendered and stored in the caller's transaction, delivered over SMTP
 * (GreenMail) after commit, retried when the server refuses, shown in the back office. GreenMail is
 * shared by every integration test, so each test writes to its own address and only looks at
 * messages for it.
 */
@IntegrationTest
class MessagingIntegrationTests {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String RETRY_TASK = "retry-message-delivery";

    @Autowired
    Messaging messaging;

    @Autowired
    MessageTemplates templates;

    @Autowired
    MessageDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    GreenMail greenMail;

    @Autowired
    Clock clock;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    OneTimeTask<UUID> retryMessageDelivery;

    @Value("${boucle.mail.from}")
    String from;

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts staff;

    @Test
    void messageSentInACommittedTransactionReachesTheMailServerInFrenchAndIsLoggedAsSent() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = inTransaction(() -> messaging.send(staffWelcome(to, "Zoé", Locale.FRENCH).withReference("staff-42")));

        Received mail = awaitOnlyMessageFor(to);
        assertThat(mail.subject()).isEqualTo("Votre compte du personnel est ouvert");
        assertThat(mail.from()).isEqualTo(new InternetAddress(from).getAddress());
        assertThat(mail.text())
                .contains("Bonjour Zoé,")
                .contains("Un compte du personnel vient d'être ouvert")
                .contains("Votre identifiant est " + to.value())
                .contains(signInUrl());
        assertThat(mail.html())
                .contains("<html lang=\"fr\">")
                .contains("href=\"" + signInUrl() + "\"")
                .contains("Se connecter au back office");
        assertThat(mail.attachments()).isEmpty();

        MessageView logged = awaitStatus(id, MessageStatus.SENT);
        assertThat(logged.sentAt()).isNotNull();
        assertThat(logged.attempts()).isEqualTo(1);
        assertThat(logged.lastError()).isNull();
        assertThat(logged.recipient()).isEqualTo(to.value());
        assertThat(logged.subject()).isEqualTo("Votre compte du personnel est ouvert");
        assertThat(logged.template()).isEqualTo("staff-welcome");
        assertThat(logged.locale()).isEqualTo("fr");
        assertThat(logged.reference()).isEqualTo("staff-42");
        assertThat(outboxEntriesFor(id)).as("delivery is recorded in the event publication registry").isEqualTo(1);
    }

    @Test
    void englishRecipientGetsTheEnglishSubjectAndText() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = inTransaction(() -> messaging.send(staffWelcome(to, "Sam", Locale.forLanguageTag("en-GB"))));

        Received mail = awaitOnlyMessageFor(to);
        assertThat(mail.subject()).isEqualTo("Your staff account is open");
        assertThat(mail.text())
                .contains("Hello Sam,")
                .contains("A staff account has just been opened for you in the shop's back office.")
                .doesNotContain("Bonjour");
        assertThat(mail.html()).contains("<html lang=\"en\">").contains("Sign in to the back office");
        assertThat(awaitStatus(id, MessageStatus.SENT).locale()).isEqualTo("en-GB");
    }

    @Test
    void attachmentArrivesWithItsNameContentTypeAndBytesIntact() throws Exception {
        EmailAddress to = uniqueAddress();
        byte[] pdf = new byte[3 * 256];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) i; // every byte value, including NUL and non-ASCII
        }
        byte[] csv = "référence;montant\nA-1;12,50 €\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] xml = "<Invoice>\n  <ID>A-1</ID>\n</Invoice>\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MessageId id = inTransaction(() -> messaging.send(staffWelcome(to, "Zoé", Locale.FRENCH)
                .withAttachment(new Email.Attachment("facture-2024-0001.pdf", "application/pdf", pdf))
                .withAttachment(new Email.Attachment("export.csv", "text/csv", csv))
                .withAttachment(new Email.Attachment("invoice.xml", "application/xml", xml))));

        Received mail = awaitOnlyMessageFor(to);
        assertThat(mail.attachments()).hasSize(3);
        assertThat(mail.attachments().get(2).content()).isEqualTo(xml);
        ReceivedAttachment first = mail.attachments().get(0);
        assertThat(first.filename()).isEqualTo("facture-2024-0001.pdf");
        assertThat(first.contentType()).isEqualTo("application/pdf");
        assertThat(first.content()).isEqualTo(pdf);
        ReceivedAttachment second = mail.attachments().get(1);
        assertThat(second.filename()).isEqualTo("export.csv");
        assertThat(second.contentType()).isEqualTo("text/csv");
        assertThat(second.content()).isEqualTo(csv);
        assertThat(mail.text()).as("the body is still there beside the attachments").contains("Bonjour Zoé,");
        awaitStatus(id, MessageStatus.SENT);
    }

    @Test
    void messageSentInARolledBackTransactionIsNeitherStoredNorSent() {
        EmailAddress to = uniqueAddress();
        AtomicReference<MessageId> id = new AtomicReference<>();

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            id.set(messaging.send(staffWelcome(to, "Zoé", Locale.FRENCH)
                    .withAttachment(new Email.Attachment("a.pdf", "application/pdf", new byte[] {1, 2, 3}))));
            throw new IllegalStateException("the business operation failed after sending");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(id.get()).as("send returned an id before the rollback").isNotNull();
        assertThat(messaging.find(id.get())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM messaging.attachment WHERE message_id = :id")
                .param("id", id.get().value()).query(Long.class).single()).isZero();
        assertThat(outboxEntriesFor(id.get())).as("no delivery is pending in the event publication registry").isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receivedBy(to).isEmpty());
    }

    @Test
    void aMessageSentOnceUnderAKeyIsNotSentAgain() throws Exception {
        EmailAddress to = uniqueAddress();
        Email email = Email.of(to, "staff-welcome", Locale.FRENCH,
                Map.of("name", "Zoé", "email", to.value(), "signInUrl", "https://shop.example/admin/login"));
        java.util.Optional<MessageId> first = inTransaction(() -> messaging.sendOnce(email, "welcome:" + to.value()));
        java.util.Optional<MessageId> again = inTransaction(() -> messaging.sendOnce(email, "welcome:" + to.value()));

        assertThat(first).isPresent();
        assertThat(again).as("an event delivered twice sends one message").isEmpty();
        awaitOnlyMessageFor(to);
        assertThat(jdbc.sql("SELECT count(*) FROM messaging.message WHERE recipient = :to").param("to", to.value())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void modelValuesAreEscapedInTheHtmlPartAndKeptVerbatimInTheTextPart() throws Exception {
        EmailAddress to = uniqueAddress();
        String name = "<script>alert('x')</script> & <b>Zoé</b>";
        String url = "https://shop.example/admin/login?next=\"><img src=x onerror=alert(1)>";
        MessageId id = inTransaction(() -> messaging.send(Email.of(to, "staff-welcome", Locale.FRENCH,
                Map.of("name", name, "email", to.value(), "signInUrl", url))));

        Received mail = awaitOnlyMessageFor(to);
        assertThat(mail.html())
                .doesNotContain("<script")
                .doesNotContain("<b>")
                .doesNotContain("<img")
                .contains("&lt;script&gt;")
                .contains("&amp; &lt;b&gt;Zoé&lt;/b&gt;")
                .contains("href=\"https://shop.example/admin/login?next=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"");
        assertThat(mail.text()).as("plain text has no markup to escape")
                .contains("Bonjour " + name + ",")
                .contains(url);
        assertThat(messaging.find(id)).isPresent();
        String storedHtml = jdbc.sql("SELECT body_html FROM messaging.message WHERE id = :id")
                .param("id", id.value()).query(String.class).single();
        assertThat(storedHtml).doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void refusedDeliveryStaysQueuedWithTheErrorAndIsScheduledForRetry() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = storeWithoutDelivering(staffWelcome(to, "Zoé", Locale.FRENCH));
        Instant before = Instant.now();
        TaskInstanceId retry = TaskInstanceId.of(RETRY_TASK, id + "#1");
        try {
            MessageDelivery refused = deliveryThrough(refusingServer(), Clock.systemUTC());
            runInTransaction(() -> refused.deliver(id.value()));

            MessageView message = messaging.find(id).orElseThrow();
            assertThat(message.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(message.attempts()).isEqualTo(1);
            assertThat(message.lastError()).isNotBlank().containsIgnoringCase("connect");
            assertThat(message.sentAt()).isNull();

            List<Instant> executions = retryExecutionsFor(id);
            assertThat(executions).hasSize(1);
            assertThat(jdbc.sql("SELECT task_instance FROM platform.scheduled_tasks WHERE task_name = :task AND task_instance LIKE :id")
                    .param("task", RETRY_TASK).param("id", id + "#%").query(String.class).single()).isEqualTo(id + "#1");
            assertThat(executions.getFirst()).isBetween(before.plus(MessageDelivery.RETRY_DELAYS.getFirst()),
                    Instant.now().plus(MessageDelivery.RETRY_DELAYS.getFirst()));
            assertThat(receivedBy(to)).isEmpty();
        } finally {
            scheduler.cancel(retry); // not left for the scheduler to run a minute from now
        }
    }

    @Test
    void scheduledRetryDeliversTheMessageOnceTheServerAcceptsIt() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = storeWithoutDelivering(staffWelcome(to, "Zoé", Locale.FRENCH));
        MessageDelivery refused = deliveryThrough(refusingServer(), Clock.systemUTC());
        runInTransaction(() -> refused.deliver(id.value()));
        assertThat(messaging.find(id).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);

        // Bring the retry forward instead of waiting a minute; the application's scheduler runs it.
        assertThat(scheduler.reschedule(TaskInstanceId.of(RETRY_TASK, id + "#1"), Instant.now())).isTrue();

        Received mail = awaitOnlyMessageFor(to);
        assertThat(mail.subject()).isEqualTo("Votre compte du personnel est ouvert");
        MessageView sent = awaitStatus(id, MessageStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
        assertThat(sent.sentAt()).isNotNull();
        await().atMost(DELIVERY).until(() -> retryExecutionsFor(id).isEmpty());
    }

    @Test
    void lastRefusedAttemptMarksTheMessageFailedAndSchedulesNoMoreRetries() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = storeWithoutDelivering(staffWelcome(to, "Zoé", Locale.FRENCH));
        int attemptsSoFar = MessageDelivery.RETRY_DELAYS.size();
        jdbc.sql("UPDATE messaging.message SET attempts = :attempts WHERE id = :id")
                .param("attempts", attemptsSoFar).param("id", id.value()).update();

        MessageDelivery refused = deliveryThrough(refusingServer(), Clock.systemUTC());
        runInTransaction(() -> refused.deliver(id.value()));

        MessageView message = messaging.find(id).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(message.attempts()).isEqualTo(attemptsSoFar + 1);
        assertThat(message.lastError()).isNotBlank();
        assertThat(message.sentAt()).isNull();
        assertThat(retryExecutionsFor(id)).isEmpty();
    }

    @Test
    void withoutAMailSenderTheMessageIsOnlyLogged() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = storeWithoutDelivering(staffWelcome(to, "Zoé", Locale.FRENCH));
        ObjectProvider<JavaMailSender> none = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);

        runInTransaction(() -> new MessageDelivery(jdbc, none, new LoggingSmsProvider(), scheduler, retryMessageDelivery, from, clock).deliver(id.value()));

        MessageView message = messaging.find(id).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageStatus.LOGGED);
        assertThat(message.sentAt()).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));
        assertThat(message.lastError()).isNull();
        assertThat(message.bodyText()).as("the log keeps what would have been sent").contains("Bonjour Zoé,");
        assertThat(retryExecutionsFor(id)).isEmpty();
    }

    @Test
    void deliveringAMessageThatWasAlreadySentSendsNothingMore() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = inTransaction(() -> messaging.send(staffWelcome(to, "Zoé", Locale.FRENCH)));
        awaitOnlyMessageFor(to);
        Instant sentAt = awaitStatus(id, MessageStatus.SENT).sentAt();

        delivery.deliver(id.value()); // a redelivered event or a late retry

        assertThat(receivedBy(to)).hasSize(1);
        MessageView message = messaging.find(id).orElseThrow();
        assertThat(message.attempts()).isEqualTo(1);
        assertThat(message.sentAt()).isEqualTo(sentAt);
    }

    @Test
    void backOfficeMessageLogShowsTheSentMessageToASignedInOwner() throws Exception {
        EmailAddress to = uniqueAddress();
        MessageId id = inTransaction(() -> messaging.send(staffWelcome(to, "Zoé", Locale.FRENCH).withReference("staff-7")));
        awaitStatus(id, MessageStatus.SENT);

        Http http = new StaffLogins(staff, port).signedIn(Role.OWNER);

        HttpResponse<String> page = http.get("/admin/messages");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher row = Pattern.compile("<tr>(?:(?!</tr>).)*?" + Pattern.quote(to.value()) + "(?:(?!</tr>).)*</tr>", Pattern.DOTALL)
                .matcher(page.body());
        assertThat(row.find()).as("a row for " + to).isTrue();
        assertThat(row.group())
                .contains("Votre compte du personnel est ouvert")
                .contains("staff-7")
                .contains("Envoyé")
                .contains("Bonjour Zoé,");
    }

    @Test
    void messageLogIsNotShownToVisitorsWhoAreNotSignedIn() {
        HttpResponse<String> page = new Http(port).get("/admin/messages");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/admin/login"));
    }

    // --- helpers ---

    private Email staffWelcome(EmailAddress to, String name, Locale locale) {
        return Email.of(to, "staff-welcome", locale, Map.of("name", name, "email", to.value(), "signInUrl", signInUrl()));
    }

    private String signInUrl() {
        return "https://shop.example/admin/login";
    }

    private static EmailAddress uniqueAddress() {
        return EmailAddress.of("staff-" + UUID.randomUUID() + "@messaging.test");
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    private void runInTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    /** Stores a message as {@link Messaging#send} does, but publishes nothing, so no delivery starts by itself. */
    private MessageId storeWithoutDelivering(Email email) {
        Messaging quiet = new Messaging(templates, jdbc, event -> { }, clock);
        MessageId id = inTransaction(() -> quiet.send(email));
        assertThat(messaging.find(id).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
        return id;
    }

    private MessageDelivery deliveryThrough(JavaMailSender sender, Clock deliveryClock) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        return new MessageDelivery(jdbc, beans.getBeanProvider(JavaMailSender.class), new LoggingSmsProvider(), scheduler, retryMessageDelivery,
                from, deliveryClock);
    }

    /** An SMTP client pointed at a local port nobody listens on: every connection is refused. */
    private static JavaMailSender refusingServer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(closedPort);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "2000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private MessageView awaitStatus(MessageId id, MessageStatus status) {
        return await().atMost(DELIVERY).until(() -> messaging.find(id).orElseThrow(),
                message -> message.status() == status);
    }

    private long outboxEntriesFor(MessageId id) {
        return jdbc.sql("SELECT count(*) FROM platform.event_publication WHERE serialized_event LIKE :id")
                .param("id", "%" + id.value() + "%").query(Long.class).single();
    }

    private List<Instant> retryExecutionsFor(MessageId id) {
        return jdbc.sql("SELECT execution_time FROM platform.scheduled_tasks WHERE task_name = :task AND task_instance LIKE :id")
                .param("task", RETRY_TASK).param("id", id + "#%")
                .query((row, n) -> row.getTimestamp("execution_time").toInstant()).list();
    }

    private Received awaitOnlyMessageFor(EmailAddress to) throws Exception {
        List<MimeMessage> messages = await().atMost(DELIVERY).until(() -> receivedBy(to), received -> !received.isEmpty());
        assertThat(messages).as("messages for " + to).hasSize(1);
        return Received.of(messages.getFirst());
    }

    private List<MimeMessage> receivedBy(EmailAddress to) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                return recipients != null && Arrays.stream(recipients)
                        .anyMatch(address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(to.value()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    record ReceivedAttachment(String filename, String contentType, byte[] content) {
    }

    record Received(String subject, String from, String text, String html, List<ReceivedAttachment> attachments) {

        static Received of(MimeMessage message) throws MessagingException, IOException {
            List<String> texts = new ArrayList<>();
            List<String> htmls = new ArrayList<>();
            List<ReceivedAttachment> attachments = new ArrayList<>();
            walk(message, texts, htmls, attachments);
            assertThat(texts).as("plain text parts").hasSize(1);
            assertThat(htmls).as("HTML parts").hasSize(1);
            return new Received(message.getSubject(), ((InternetAddress) message.getFrom()[0]).getAddress(),
                    texts.getFirst(), htmls.getFirst(), attachments);
        }

        private static void walk(Part part, List<String> texts, List<String> htmls, List<ReceivedAttachment> attachments)
                throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), texts, htmls, attachments);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (var in = part.getInputStream()) {
                    attachments.add(new ReceivedAttachment(part.getFileName(),
                            new ContentType(part.getContentType()).getBaseType(), in.readAllBytes()));
                }
            } else if (part.isMimeType("text/plain")) {
                texts.add((String) part.getContent());
            } else if (part.isMimeType("text/html")) {
                htmls.add((String) part.getContent());
            }
        }
    }
}
