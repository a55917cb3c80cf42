package io.boucle.messaging;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message's subject, plain text and HTML from {@code templates/mail/<name>.txt} and
 * {@code .html}, in the recipient's language. Its own engine, so mail templates never resolve as
 * web pages and vice versa.
 *
 * <p>In {@code .txt} templates write {@code [(...)]}: {@code [[...]]} would HTML-escape the plain
 * text ({@code d&#39;être}).
 */
@Component
class MessageTemplates {

    record Rendered(String subject, String text, String html) {
    }

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;

    MessageTemplates(MessageSource messages) {
        this.messages = messages;
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    Rendered render(Email email) {
        Context context = new Context(email.locale(), Map.copyOf(email.model()));
        String subject = messages.getMessage("mail." + email.template() + ".subject",
                email.subjectArguments().toArray(), email.locale());
        String text = engine.process("mail/" + email.template() + ".txt", context);
        String html = engine.process("mail/" + email.template() + ".html", context);
        return new Rendered(subject, text, html);
    }

    String renderSms(Sms sms) {
        return messages.getMessage("sms." + sms.template(), sms.arguments().toArray(), sms.locale());
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(java.util.Set.of("mail/*" + suffix));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
