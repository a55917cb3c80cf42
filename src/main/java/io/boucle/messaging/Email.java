package io.boucle.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.boucle.shared.EmailAddress;

/**
 * An email to render and send.
 *
 * @param template the name under {@code templates/mail/}: {@code <name>.html} and {@code <name>.txt},
 *                 with the subject under the message key {@code mail.<name>.subject}
 * @param model the values the templates and the subject ({@code {0}}, {@code {1}}… from
 *              {@code subjectArguments}) show
 * @param reference what the message is about, e.g. an order number, to find it in the log
 */
public record Email(EmailAddress to, String template, Locale locale, Map<String, Object> model,
        List<Object> subjectArguments, String reference, List<Attachment> attachments) {

    public Email {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(locale, "locale");
        model = Map.copyOf(model);
        subjectArguments = List.copyOf(subjectArguments);
        attachments = List.copyOf(attachments);
    }

    public static Email of(EmailAddress to, String template, Locale locale, Map<String, Object> model) {
        return new Email(to, template, locale, model, List.of(), null, List.of());
    }

    public Email withSubjectArguments(Object... arguments) {
        return new Email(to, template, locale, model, List.of(arguments), reference, attachments);
    }

    public Email withReference(String reference) {
        return new Email(to, template, locale, model, subjectArguments, reference, attachments);
    }

    public Email withAttachment(Attachment attachment) {
        List<Attachment> all = new java.util.ArrayList<>(attachments);
        all.add(attachment);
        return new Email(to, template, locale, model, subjectArguments, reference, all);
    }

    /** A file sent with the message, such as an invoice PDF. */
    public record Attachment(String filename, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
