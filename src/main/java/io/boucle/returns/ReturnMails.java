package io.boucle.returns;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderView;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The customer's emails about returns, each sent once: the acknowledgment of a withdrawal on a durable
 * medium with its date and time (L221-18), the return instructions, and the refund.
 */
@Component
class ReturnMails {

    private final Messaging messaging;
    private final String publicUrl;
    private final String returnAddress;
    private final boolean merchantPaysReturn;

    ReturnMails(Messaging messaging, @Value("${boucle.public-url}") String publicUrl,
            @Value("${boucle.merchant.return-address:}") String returnAddress,
            @Value("${boucle.merchant.address:}") String address,
            @Value("${boucle.merchant.return-costs-paid-by-merchant:false}") boolean merchantPaysReturn) {
        this.messaging = messaging;
        this.publicUrl = publicUrl;
        this.returnAddress = returnAddress == null || returnAddress.isBlank() ? address : returnAddress;
        this.merchantPaysReturn = merchantPaysReturn;
    }

    /** Where returned goods go. */
    String returnAddress() {
        return returnAddress;
    }

    /** Whether the shop pays for sending the goods back (after a withdrawal; always for a defect). */
    boolean merchantPaysReturn() {
        return merchantPaysReturn;
    }

    void withdrawalAcknowledged(OrderView order, CustomerReturn withdrawal) {
        messaging.sendOnce(email(order, withdrawal, "withdrawal-acknowledgment"), "withdrawal-acknowledgment:" + withdrawal.id());
    }

    void returnRequested(OrderView order, CustomerReturn request) {
        messaging.sendOnce(email(order, request, "return-request"), "return-request:" + request.id());
    }

    void refunded(OrderView order, CustomerReturn refunded) {
        messaging.sendOnce(email(order, refunded, "return-refunded"), "return-refunded:" + refunded.id());
    }

    private Email email(OrderView order, CustomerReturn r, String template) {
        Locale locale = order.locale();
        Map<String, Object> model = new HashMap<>();
        model.put("name", order.shipping().name());
        model.put("order", order.number().value());
        model.put("return", r.number());
        model.put("date", dates(locale).format(r.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE)));
        model.put("time", DateTimeFormatter.ofPattern("HH:mm:ss").format(r.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE)));
        model.put("lines", lines(r));
        model.put("reason", r.reason() == null ? "" : r.reason());
        model.put("refundDueBy", r.refundDueBy() == null ? "" : dates(locale).format(r.refundDueBy()));
        model.put("deadline", r.withdrawalDeadline() == null ? "" : dates(locale).format(r.withdrawalDeadline()));
        model.put("returnAddress", returnAddress);
        model.put("merchantPays", merchantPaysReturn || r.kind() == ReturnKind.CONFORMITY);
        model.put("amount", r.refundAmount() == null ? "" : money(r.refundAmount(), locale));
        model.put("creditNote", r.creditNote() == null ? "" : r.creditNote());
        model.put("link", publicUrl + "/commande/" + order.number() + "?t=" + order.accessToken());
        model.put("slip", slipUrl(order, r));
        return Email.of(EmailAddress.of(order.email()), template, locale, model)
                .withSubjectArguments(order.number().value(), r.number())
                .withReference(order.number().value());
    }

    /** Where the customer downloads the return slip: behind the order's token, as the order's page. */
    String slipUrl(OrderView order, CustomerReturn r) {
        return publicUrl + "/commande/" + order.number() + "/retours/" + r.number() + "/bordereau.pdf?t=" + order.accessToken();
    }

    private static List<Map<String, Object>> lines(CustomerReturn r) {
        return r.lines().stream().map(line -> Map.<String, Object>of("quantity", line.quantity(), "title", line.title(),
                "sku", line.sku())).toList();
    }

    private static DateTimeFormatter dates(Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    static String money(Money amount, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("en") ? Locale.UK : Locale.FRANCE);
        format.setCurrency(amount.currency());
        return format.format(amount.amount());
    }
}
