package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.messaging.Sms;
import io.boucle.order.OrderNumber;
import io.boucle.shared.EmailAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the customer is told without asking: parcel shipped (with its tracking link), out for
 * delivery, order delivered, ready for pickup (with the code), and late (with the right to cancel).
 * By email, and by SMS when they gave a number; each one once, in the caller's transaction, and
 * kept in the message log.
 */
@Component
public class ShipmentNotices {

    /** Every template, in the order of an order's life. */
    public static final List<String> TEMPLATES = List.of("shipment-shipped", "shipment-out-for-delivery", "order-delivered",
            "ready-for-pickup", "delivery-late");

    private final Messaging messaging;
    private final String publicUrl;

    ShipmentNotices(Messaging messaging, @Value("${boucle.public-url}") String publicUrl) {
        this.messaging = messaging;
        this.publicUrl = publicUrl;
    }

    void shipped(OrderFulfilment order, Shipment shipment) {
        Message message = shippedMessage(order, shipment);
        send(order, message, "shipment-shipped:" + shipment.id());
    }

    void outForDelivery(OrderFulfilment order, Shipment shipment) {
        send(order, outForDeliveryMessage(order, shipment), "shipment-out-for-delivery:" + shipment.id());
    }

    void delivered(OrderFulfilment order, Instant deliveredAt) {
        send(order, deliveredMessage(order, deliveredAt), "order-delivered:" + order.number());
    }

    void readyForPickup(OrderFulfilment order, String code) {
        send(order, readyMessage(order, code), "ready-for-pickup:" + order.number() + ":" + order.pickupReadyAt().toEpochMilli());
    }

    void late(OrderFulfilment order, String accessToken) {
        send(order, lateMessage(order, accessToken), "delivery-late:" + order.number());
    }

    /** A template's email with sample data, in a language: the back office's preview. */
    public Messaging.Preview previewEmail(String template, Locale locale) {
        return messaging.preview(email(sample(locale), sampleMessage(template, locale)));
    }

    /** A template's SMS with sample data. */
    public String previewSms(String template, Locale locale) {
        Message message = sampleMessage(template, locale);
        return messaging.preview(new Sms("+33612345678", template, locale, message.smsArguments(), null));
    }

    // The messages

    private record Message(String template, Map<String, Object> model, List<Object> smsArguments) {
    }

    private Message shippedMessage(OrderFulfilment order, Shipment shipment) {
        Map<String, Object> model = common(order);
        model.put("carrier", shipment.carrier().name());
        model.put("trackingNumber", shipment.trackingNumber());
        model.put("trackingUrl", shipment.trackingUrl());
        model.put("items", shipment.lines().stream().map(line -> line.quantity() + " × " + line.title()).toList());
        boolean partial = shipment.lines().stream().mapToInt(Shipment.Line::quantity).sum()
                < order.lines().stream().mapToInt(OrderFulfilment.Line::quantity).sum();
        model.put("partial", partial);
        return new Message("shipment-shipped", model, List.of(order.number().value(), shipment.carrier().name(), shipment.trackingUrl()));
    }

    private Message outForDeliveryMessage(OrderFulfilment order, Shipment shipment) {
        Map<String, Object> model = common(order);
        model.put("carrier", shipment.carrier().name());
        model.put("trackingNumber", shipment.trackingNumber());
        model.put("trackingUrl", shipment.trackingUrl());
        return new Message("shipment-out-for-delivery", model, List.of(order.number().value(), shipment.carrier().name(),
                shipment.trackingUrl()));
    }

    private Message deliveredMessage(OrderFulfilment order, Instant deliveredAt) {
        Map<String, Object> model = common(order);
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(order.locale())
                .format(deliveredAt.atZone(Fulfilment.SHOP_ZONE));
        model.put("deliveredAt", when);
        model.put("collected", order.clickAndCollect());
        return new Message("order-delivered", model, List.of(order.number().value(), when));
    }

    private Message readyMessage(OrderFulfilment order, String code) {
        Map<String, Object> model = common(order);
        model.put("code", code);
        model.put("store", order.pickupPoint() == null ? "" : order.pickupPoint());
        return new Message("ready-for-pickup", model, List.of(order.number().value(), code, model.get("store")));
    }

    private Message lateMessage(OrderFulfilment order, String accessToken) {
        Map<String, Object> model = common(order);
        model.put("promisedDate", date(order.promisedDate(), order.locale()));
        model.put("orderLink", publicUrl + "/commande/" + order.number() + "?t=" + accessToken);
        return new Message("delivery-late", model, List.of(order.number().value(), model.get("promisedDate"), model.get("orderLink")));
    }

    private Map<String, Object> common(OrderFulfilment order) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", order.customerName());
        model.put("number", order.number().value());
        model.put("trackingPage", publicUrl + "/suivi/" + order.trackingToken());
        return model;
    }

    private void send(OrderFulfilment order, Message message, String key) {
        messaging.sendOnce(email(order, message), key);
        if (order.smsPhone() != null) {
            messaging.sendSmsOnce(new Sms(order.smsPhone(), message.template(), order.locale(), message.smsArguments(),
                    order.number().value()), key + ":sms");
        }
    }

    private static Email email(OrderFulfilment order, Message message) {
        return Email.of(EmailAddress.of(order.email()), message.template(), order.locale(), message.model())
                .withSubjectArguments(order.number().value())
                .withReference(order.number().value());
    }

    private static String date(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }

    // Samples for the previews

    private static OrderFulfilment sample(Locale locale) {
        List<OrderFulfilment.Line> lines = List.of(
                new OrderFulfilment.Line(1, "BOL-GRES-18", locale.getLanguage().equals("en") ? "Stoneware bowl" : "Bol en grès", 2, 2),
                new OrderFulfilment.Line(2, "NAPPE-LIN", locale.getLanguage().equals("en") ? "Linen tablecloth" : "Nappe en lin", 1, 0));
        return new OrderFulfilment(new OrderNumber("B2026-000123"), "camille.martin@example.org", locale, "Camille Martin", false,
                "Boutique Bastille, 12 rue des Artisans, 75011 Paris", Instant.parse("2026-05-04T09:30:00Z"),
                LocalDate.of(2026, 5, 8), "exemple-de-lien-de-suivi-0123456789", null, Instant.parse("2026-05-05T14:00:00Z"),
                null, null, null, null, null, lines, List.of());
    }

    private Message sampleMessage(String template, Locale locale) {
        OrderFulfilment order = sample(locale);
        Shipment shipment = new Shipment(UUID.fromString("00000000-0000-0000-0000-000000000001"), order.number(),
                new Carrier("colissimo", "Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}"),
                "6A12345678901", ShipmentStatus.SHIPPED, Instant.parse("2026-05-05T15:00:00Z"), null,
                List.of(new Shipment.Line(1, "BOL-GRES-18", order.lines().getFirst().title(), 2)), List.of());
        return switch (template) {
            case "shipment-shipped" -> shippedMessage(order, shipment);
            case "shipment-out-for-delivery" -> outForDeliveryMessage(order, shipment);
            case "order-delivered" -> deliveredMessage(order, Instant.parse("2026-05-07T10:42:00Z"));
            case "ready-for-pickup" -> readyMessage(order, "K7P3QX");
            case "delivery-late" -> lateMessage(order, "exemple");
            default -> throw new io.boucle.shared.NotFound("no template " + template);
        };
    }
}
