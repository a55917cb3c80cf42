package io.boucle.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivers queued messages after their transaction commits. Without an SMTP server (demo mode)
 * a message is only kept in the log. A failed attempt is retried later by the scheduler with
 * growing delays; after the last one the message is marked failed for staff to see.
 */
@Component
class MessageDelivery {

    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(12));

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final SmsProvider sms;
    private final SchedulerClient scheduler;
    private final OneTimeTask<UUID> retryTask;
    private final String from;
    private final Clock clock;

    MessageDelivery(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, SmsProvider sms, @Lazy SchedulerClient scheduler,
            @Lazy OneTimeTask<UUID> retryMessageDelivery, @Value("${boucle.mail.from}") String from, Clock clock) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.sms = sms;
        this.scheduler = scheduler;
        this.retryTask = retryMessageDelivery;
        this.from = from;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(MessageQueued event) {
        deliver(event.messageId().value());
    }

    private record Queued(String channel, String recipient, String subject, String text, String html, MessageStatus status,
                          int attempts) {
    }

    private record StoredAttachment(String filename, String contentType, byte[] content) {
    }

    @Transactional
    void deliver(UUID id) {
        // The row lock makes a redelivered event and a retry on another node wait for each other,
        // but not for ever: if the other is stuck, this attempt gives up and is tried again later.
        jdbc.sql("SET LOCAL lock_timeout = '15s'").update();
        Queued message = jdbc.sql("""
                SELECT channel, recipient, subject, body_text, body_html, status, attempts
                FROM messaging.message WHERE id = :id FOR UPDATE
                """)
                .param("id", id)
                .query((row, n) -> new Queued(row.getString("channel"), row.getString("recipient"), row.getString("subject"),
                        row.getString("body_text"), row.getString("body_html"),
                        MessageStatus.valueOf(row.getString("status")), row.getInt("attempts")))
                .optional()
                .orElse(null);
        if (message == null || message.status() != MessageStatus.QUEUED) {
            return;
        }
        Instant now = Instant.now(clock);
        if ("SMS".equals(message.channel())) {
            deliverSms(id, message, now);
            return;
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("Message {} kept in the log only (no SMTP server configured): {}", id, message.subject());
            mark(id, MessageStatus.LOGGED, now, null);
            return;
        }
        int attempts = message.attempts() + 1;
        try {
            MimeMessage mime = sender.createMimeMessage();
            List<StoredAttachment> attachments = jdbc.sql(
                    "SELECT filename, content_type, content FROM messaging.attachment WHERE message_id = :id ORDER BY position")
                    .param("id", id)
                    .query((row, n) -> new StoredAttachment(row.getString("filename"), row.getString("content_type"),
                            row.getBytes("content")))
                    .list();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            if (message.html() == null || message.html().isEmpty()) {
                helper.setText(message.text());
            } else {
                helper.setText(message.text(), message.html());
            }
            for (StoredAttachment attachment : attachments) {
                helper.addAttachment(attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
                // Attachments are files: base64 keeps every byte, where the 7bit or quoted-printable
                // encoding Jakarta Mail picks for mostly-ASCII content (XML, CSV…) turns LF into CRLF.
                MimeMultipart root = helper.getRootMimeMultipart();
                root.getBodyPart(root.getCount() - 1).setHeader("Content-Transfer-Encoding", "base64");
            }
            sender.send(mime);
            jdbc.sql("UPDATE messaging.message SET status = 'SENT', attempts = :attempts, sent_at = :now, last_error = NULL WHERE id = :id")
                    .param("attempts", attempts).param("now", Timestamp.from(now)).param("id", id).update();
        } catch (MailException | MessagingException e) {
            failed(id, attempts, now, e.getMessage());
        }
    }

    private void deliverSms(UUID id, Queued message, Instant now) {
        int attempts = message.attempts() + 1;
        try {
            sms.send(message.recipient(), message.text());
            jdbc.sql("UPDATE messaging.message SET status = :status, attempts = :attempts, sent_at = :now, last_error = NULL WHERE id = :id")
                    .param("status", sms.logsOnly() ? MessageStatus.LOGGED.name() : MessageStatus.SENT.name())
                    .param("attempts", attempts).param("now", Timestamp.from(now)).param("id", id).update();
        } catch (RuntimeException e) {
            failed(id, attempts, now, e.getMessage());
        }
    }

    private void failed(UUID id, int attempts, Instant now, String error) {
        boolean lastAttempt = attempts > RETRY_DELAYS.size();
        log.warn("Message {} could not be sent (attempt {}){}: {}", id, attempts, lastAttempt ? ", giving up" : "", error);
        jdbc.sql("UPDATE messaging.message SET status = :status, attempts = :attempts, last_error = :error WHERE id = :id")
                .param("status", lastAttempt ? MessageStatus.FAILED.name() : MessageStatus.QUEUED.name())
                .param("attempts", attempts)
                .param("error", abbreviate(error))
                .param("id", id)
                .update();
        if (!lastAttempt) {
            scheduler.scheduleIfNotExists(retryTask.instance(id + "#" + attempts, id), now.plus(RETRY_DELAYS.get(attempts - 1)));
        }
    }

    private void mark(UUID id, MessageStatus status, Instant at, String error) {
        jdbc.sql("UPDATE messaging.message SET status = :status, sent_at = :at, last_error = :error WHERE id = :id")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("error", error).param("id", id)
                .update();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unknown error";
        }
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    @Configuration(proxyBeanMethods = false)
    static class Retries {

        @Bean
        OneTimeTask<UUID> retryMessageDelivery(@Lazy MessageDelivery delivery) {
            return Tasks.oneTime("retry-message-delivery", UUID.class)
                    .execute((instance, context) -> delivery.deliver(instance.getData()));
        }
    }
}
