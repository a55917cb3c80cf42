package io.boucle.order;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.shared.EmailAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The acknowledgment of an order, sent without delay once it is placed (Code civil 1127-2): the
 * recap, the total with VAT and delivery, the link to follow it, and the terms of sale and withdrawal
 * information with the form ({@link OrderAcknowledged} tells that it was given).
 */
@Component
class OrderAcknowledgment {

    private final Orders orders;
    private final Messaging messaging;
    private final String publicUrl;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderAcknowledgment(Orders orders, Messaging messaging, @Value("${boucle.public-url}") String publicUrl,
            ApplicationEventPublisher events, Clock clock) {
        this.orders = orders;
        this.messaging = messaging;
        this.publicUrl = publicUrl;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(OrderPlaced event) {
        OrderView order = orders.find(event.number()).orElseThrow();
        Locale locale = order.locale();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        NewOrder.Totals totals = order.totals();
        Map<String, Object> model = new HashMap<>();
        model.put("name", order.shipping().name());
        model.put("number", order.number().value());
        model.put("lines", order.lines().stream().map(line -> Map.of("quantity", line.quantity(), "title", line.title(),
                "total", money(line.total(), locale))).toList());
        model.put("subtotal", money(totals.subtotal(), locale));
        model.put("discount", totals.discount().isZero() ? "" : money(totals.discount(), locale));
        model.put("deliveryLabel", order.delivery().label().in(locale));
        model.put("delivery", money(totals.delivery(), locale));
        model.put("total", money(totals.total(), locale));
        model.put("vat", money(totals.totalVat(), locale));
        model.put("earliest", dates.format(order.delivery().earliest()));
        model.put("latest", dates.format(order.delivery().latest()));
        NewOrder.Address to = order.shipping();
        model.put("shipTo", order.delivery().pickupPoint() != null ? order.delivery().pickupPoint()
                : to.line1() + ", " + to.postalCode() + " " + to.city() + " " + to.country());
        model.put("link", publicUrl + "/commande/" + order.number() + "?t=" + order.accessToken());
        model.put("withdrawalUrl", publicUrl + "/retractation");
        model.put("termsUrl", publicUrl + "/cgv");
        // Once, even when the event is delivered again.
        messaging.sendOnce(Email.of(EmailAddress.of(order.email()), "order-acknowledgment", locale, model)
                .withSubjectArguments(order.number().value())
                .withReference(order.number().value()), "order-acknowledgment:" + order.number());
        // The withdrawal information it carries was given: returns keeps that (L221-20).
        events.publishEvent(new OrderAcknowledged(order.number(), order.placedAt(), Instant.now(clock)));
    }

    static String money(io.boucle.shared.Money amount, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("en") ? Locale.UK : Locale.FRANCE);
        format.setCurrency(amount.currency());
        return format.format(amount.amount());
    }
}
