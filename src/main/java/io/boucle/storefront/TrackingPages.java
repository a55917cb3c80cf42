package io.boucle.storefront;

import java.time.LocalDate;
import java.util.Locale;

import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.FulfilmentRefused;
import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tracking for the customer: the public tracking page {@code /suivi/<token>} the emails link to
 * (the token is unguessable; the page shows parcels and their history, no address), the parcels on
 * the order page, SMS notices on request, and the cancellation of a late order.
 */
@Controller("orderTracking")
class TrackingPages {

    private final Fulfilment fulfilment;
    private final Orders orders;
    private final MessageSource messages;
    private final io.boucle.platform.web.PageFormat format;

    TrackingPages(Fulfilment fulfilment, Orders orders, MessageSource messages, io.boucle.platform.web.PageFormat format) {
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.messages = messages;
        this.format = format;
    }

    /** What the order page shows of its delivery (see storefront/tracking.html). */
    public record Tracking(OrderFulfilment fulfilment, LocalDate today, boolean late, boolean mayCancelForLateness) {
    }

    /** For the order page's template: null until the order is paid. */
    public Tracking forOrder(OrderView order) {
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            return null;
        }
        return fulfilment.forOrder(order.number()).map(this::tracking).orElse(null);
    }

    private Tracking tracking(OrderFulfilment order) {
        LocalDate today = fulfilment.today();
        boolean late = order.lateOn(today);
        return new Tracking(order, today, late, late);
    }

    @GetMapping("/suivi/{token}")
    String page(@PathVariable String token, Model model) {
        OrderFulfilment order = fulfilment.byTrackingToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("tracking", tracking(order));
        model.addAttribute("token", token);
        return "storefront/tracking";
    }

    @PostMapping("/suivi/{token}/sms")
    String sms(@PathVariable String token, @RequestParam(defaultValue = "") String phone, RedirectAttributes redirect, Locale locale) {
        OrderFulfilment order = fulfilment.byTrackingToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            fulfilment.smsPhone(order.number(), phone);
            redirect.addFlashAttribute("notice", messages.getMessage(phone.isBlank() ? "tracking.sms.stopped" : "tracking.sms.saved",
                    null, locale));
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", messages.getMessage("fulfilment.refused." + e.reason(), e.arguments(), locale));
        }
        return "redirect:/suivi/" + token;
    }

    /** The customer (with the order's access token) cancels a late order; everything is refunded. */
    @PostMapping("/commande/{number}/annulation-retard")
    String cancelLate(@PathVariable String number, @RequestParam(name = "t", defaultValue = "") String token,
            @RequestParam(defaultValue = "") String confirm, RedirectAttributes redirect, Locale locale) {
        OrderView order;
        try {
            order = orders.view(new OrderNumber(number), token);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String target = "redirect:/commande/" + order.number() + "?t=" + token;
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("error", messages.getMessage("tracking.late.unconfirmed", null, locale));
            return target;
        }
        try {
            Fulfilment.LateCancellation done = fulfilment.cancelForLateDelivery(order.number());
            Money refunded = done.cancellation().refunds().stream().filter(refund -> !refund.failed())
                    .map(io.boucle.payment.Refund::amount).reduce(Money::plus).orElse(Money.zero(order.totals().total().currency()));
            redirect.addFlashAttribute("notice", messages.getMessage("tracking.late.cancelled",
                    new Object[] { format.price(refunded, locale),
                            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(done.refundDueBy()) }, locale));
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", messages.getMessage("fulfilment.refused." + e.reason(), e.arguments(), e.getMessage(), locale));
        }
        return target;
    }
}
