package io.boucle.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.boucle.shared.Identifiers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way modules send messages. {@link #send(Email)} renders and stores the message in the
 * caller's transaction and returns at once; delivery happens after commit. If the caller's
 * transaction rolls back, the message is neither kept nor sent.
 */
@Service
public class Messaging {

    private final MessageTemplates templates;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Messaging(MessageTemplates templates, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.templates = templates;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public MessageId send(Email email) {
        return queue(email, null).orElseThrow();
    }

    /**
     * Sends the message unless one was already sent under {@code key}: for messages answering an
     * event, which may be delivered more than once. Empty when it was sent before.
     */
    @Transactional
    public java.util.Optional<MessageId> sendOnce(Email email, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required");
        }
        return queue(email, key);
    }

    private java.util.Optional<MessageId> queue(Email email, String onceKey) {
        MessageTemplates.Rendered rendered = templates.render(email);
        MessageId id = new MessageId(Identifiers.newUuid(clock));
        int inserted = jdbc.sql("""
                INSERT INTO messaging.message (id, channel, template, locale, recipient, subject, body_text, body_html,
                                               reference, status, created_at, once_key)
                VALUES (:id, 'EMAIL', :template, :locale, :recipient, :subject, :text, :html, :reference, 'QUEUED', :now,
                        :onceKey)
                ON CONFLICT (once_key) DO NOTHING
                """)
                .param("onceKey", onceKey)
                .param("id", id.value())
                .param("template", email.template())
                .param("locale", email.locale().toLanguageTag())
                .param("recipient", email.to().value())
                .param("subject", rendered.subject())
                .param("text", rendered.text())
                .param("html", rendered.html())
                .param("reference", email.reference())
                .param("now", Timestamp.from(Instant.now(clock)))
                .update();
        if (inserted == 0) {
            return java.util.Optional.empty();
        }
        int position = 0;
        for (Email.Attachment attachment : email.attachments()) {
            jdbc.sql("""
                    INSERT INTO messaging.attachment (message_id, position, filename, content_type, content)
                    VALUES (:id, :position, :filename, :type, :content)
                    """)
                    .param("id", id.value())
                    .param("position", position++)
                    .param("filename", attachment.filename())
                    .param("type", attachment.contentType())
                    .param("content", attachment.content())
                    .update();
        }
        events.publishEvent(new MessageQueued(id));
        return java.util.Optional.of(id);
    }

    /**
     * Sends a text message unless one was already sent under {@code key}; kept in the message log
     * like an email, and delivered after commit through the {@link SmsProvider}. Empty when it was
     * sent before.
     */
    @Transactional
    public java.util.Optional<MessageId> sendSmsOnce(Sms sms, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required");
        }
        String text = templates.renderSms(sms);
        MessageId id = new MessageId(Identifiers.newUuid(clock));
        int inserted = jdbc.sql("""
                INSERT INTO messaging.message (id, channel, template, locale, recipient, subject, body_text, body_html,
                                               reference, status, created_at, once_key)
                VALUES (:id, 'SMS', :template, :locale, :recipient, NULL, :text, NULL, :reference, 'QUEUED', :now, :onceKey)
                ON CONFLICT (once_key) DO NOTHING
                """)
                .param("onceKey", key)
                .param("id", id.value())
                .param("template", sms.template())
                .param("locale", sms.locale().toLanguageTag())
                .param("recipient", sms.to())
                .param("text", text)
                .param("reference", sms.reference())
                .param("now", Timestamp.from(Instant.now(clock)))
                .update();
        if (inserted == 0) {
            return java.util.Optional.empty();
        }
        events.publishEvent(new MessageQueued(id));
        return java.util.Optional.of(id);
    }

    /** What an email would look like, rendered but neither stored nor sent: for previews. */
    public Preview preview(Email email) {
        MessageTemplates.Rendered rendered = templates.render(email);
        return new Preview(rendered.subject(), rendered.text(), rendered.html());
    }

    /** What a text message would say, neither stored nor sent: for previews. */
    public String preview(Sms sms) {
        return templates.renderSms(sms);
    }

    /** A rendered email. */
    public record Preview(String subject, String text, String html) {
    }

    /** The message log, newest first. */
    @Transactional(readOnly = true)
    public List<MessageView> log(int page, int size) {
        return jdbc.sql("SELECT * FROM messaging.message ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Messaging::view)
                .list();
    }

    /** The messages sent about something (an order number, for instance), oldest first. */
    @Transactional(readOnly = true)
    public List<MessageView> forReference(String reference) {
        return jdbc.sql("SELECT * FROM messaging.message WHERE reference = :reference ORDER BY created_at, id")
                .param("reference", reference)
                .query(Messaging::view)
                .list();
    }

    /** Every message sent (or to be sent) to this address, whatever its case, oldest first. */
    @Transactional(readOnly = true)
    public List<MessageView> sentTo(io.boucle.shared.EmailAddress recipient) {
        return jdbc.sql("SELECT * FROM messaging.message WHERE lower(recipient) = lower(:recipient) ORDER BY created_at, id")
                .param("recipient", recipient.value())
                .query(Messaging::view)
                .list();
    }

    /**
     * For an erasure: the messages to this address stay in the log as a trace that they were sent,
     * but addressed to {@code placeholder}, without their text or attachments. Messages still waiting
     * to be sent are not sent any more.
     *
     * @return how many messages were anonymised
     */
    @Transactional
    public int forget(io.boucle.shared.EmailAddress recipient, String placeholder) {
        jdbc.sql("""
                DELETE FROM messaging.attachment WHERE message_id IN
                    (SELECT id FROM messaging.message WHERE lower(recipient) = lower(:recipient))
                """).param("recipient", recipient.value()).update();
        return jdbc.sql("""
                UPDATE messaging.message SET recipient = :placeholder, subject = NULL, body_text = '', body_html = NULL,
                    status = CASE WHEN status = 'QUEUED' THEN 'FAILED' ELSE status END,
                    last_error = CASE WHEN status = 'QUEUED' THEN 'recipient erased' ELSE last_error END
                WHERE lower(recipient) = lower(:recipient)
                """).param("placeholder", placeholder).param("recipient", recipient.value()).update();
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT count(*) FROM messaging.message").query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public java.util.Optional<MessageView> find(MessageId id) {
        return jdbc.sql("SELECT * FROM messaging.message WHERE id = :id")
                .param("id", id.value())
                .query(Messaging::view)
                .optional();
    }

    static MessageView view(ResultSet row, int rowNumber) throws SQLException {
        Timestamp sentAt = row.getTimestamp("sent_at");
        return new MessageView(new MessageId(row.getObject("id", UUID.class)), row.getString("channel"),
                row.getString("template"), row.getString("locale"), row.getString("recipient"),
                row.getString("subject"), row.getString("body_text"), row.getString("reference"),
                MessageStatus.valueOf(row.getString("status")), row.getInt("attempts"), row.getString("last_error"),
                row.getTimestamp("created_at").toInstant(), sentAt == null ? null : sentAt.toInstant());
    }
}
