package io.boucle.storefront;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boucle.customer.CustomerId;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderSummary;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.platform.security.CustomerSessions;
import io.boucle.platform.web.PageFormat;
import io.boucle.returns.CustomerReturn;
import io.boucle.returns.ReturnRefused;
import io.boucle.returns.ReturnRequest;
import io.boucle.returns.Returns;
import io.boucle.returns.WithdrawalPeriod;
import io.boucle.returns.WithdrawalStanding;
import io.boucle.shared.InvalidField;
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
 * The online withdrawal function (L221-18): on the order's page a button "Renoncer au contrat ici" leads
 * to a page listing the lines, confirmed by "Confirmer la rétractation"; then the acknowledgment is shown
 * and emailed. Also the report of a defect under the legal guarantee, and the customer's returns in their
 * account. Open to whoever holds the order's access token, or the signed-in customer who placed it.
 */
@Controller
class ReturnPages {

    private final Orders orders;
    private final Returns returns;
    private final CustomerSessions sessions;
    private final MessageSource messages;
    private final PageFormat format;
    private final io.boucle.returns.ReturnSlips slips;

    ReturnPages(Orders orders, Returns returns, CustomerSessions sessions, MessageSource messages, PageFormat format,
            io.boucle.returns.ReturnSlips slips) {
        this.orders = orders;
        this.slips = slips;
        this.returns = returns;
        this.sessions = sessions;
        this.messages = messages;
        this.format = format;
    }

    @GetMapping("/commande/{number}/retractation")
    String withdrawalForm(@PathVariable String number, @RequestParam(name = "t", required = false) String t, Model model,
            Locale locale) {
        OrderView order = order(number, t);
        WithdrawalStanding standing = returns.standing(order);
        model.addAttribute("order", order);
        model.addAttribute("token", order.accessToken());
        model.addAttribute("standing", standing);
        model.addAttribute("deadline", standing.deadline() == null ? null : longDate(standing.deadline(), locale));
        model.addAttribute("defect", false);
        model.addAttribute("attempt", java.util.UUID.randomUUID().toString());
        return "storefront/withdrawal";
    }

    @PostMapping("/commande/{number}/retractation")
    String withdraw(@PathVariable String number, @RequestParam(name = "t", required = false) String t,
            @RequestParam Map<String, String> form, RedirectAttributes redirect, Locale locale) {
        OrderView order = order(number, t);
        String back = "redirect:/commande/" + order.number() + "?t=" + order.accessToken();
        List<ReturnRequest.Item> items = items(form);
        if (items.isEmpty()) {
            redirect.addFlashAttribute("error", message("withdrawal.nothingChosen", locale));
            return "redirect:/commande/" + order.number() + "/retractation?t=" + order.accessToken();
        }
        try {
            CustomerReturn done = returns.withdraw(order, new ReturnRequest(items, form.get("reason")), "WEB",
                    form.get("attempt"));
            var at = done.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE);
            redirect.addFlashAttribute("notice", messages.getMessage("withdrawal.done", new Object[] { longDate(at.toLocalDate(), locale),
                    DateTimeFormatter.ofPattern("HH:mm").format(at) }, locale));
            return back;
        } catch (ReturnRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            return back;
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return back;
        }
    }

    @GetMapping("/commande/{number}/retour")
    String defectForm(@PathVariable String number, @RequestParam(name = "t", required = false) String t, Model model,
            Locale locale) {
        OrderView order = order(number, t);
        WithdrawalStanding standing = returns.standing(order);
        model.addAttribute("order", order);
        model.addAttribute("token", order.accessToken());
        model.addAttribute("standing", standing);
        model.addAttribute("deadline", null);
        model.addAttribute("defect", true);
        model.addAttribute("attempt", java.util.UUID.randomUUID().toString());
        return "storefront/withdrawal";
    }

    @PostMapping("/commande/{number}/retour")
    String reportDefect(@PathVariable String number, @RequestParam(name = "t", required = false) String t,
            @RequestParam Map<String, String> form, RedirectAttributes redirect, Locale locale) {
        OrderView order = order(number, t);
        String again = "redirect:/commande/" + order.number() + "/retour?t=" + order.accessToken();
        List<ReturnRequest.Item> items = items(form);
        if (items.isEmpty()) {
            redirect.addFlashAttribute("error", message("withdrawal.nothingChosen", locale));
            return again;
        }
        try {
            CustomerReturn done = returns.reportDefect(order, new ReturnRequest(items, form.get("reason")), "WEB",
                    form.get("attempt"));
            redirect.addFlashAttribute("notice", messages.getMessage("withdrawal.defectDone", new Object[] { done.number() }, locale));
            return "redirect:/commande/" + order.number() + "?t=" + order.accessToken();
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", message("withdrawal.defectRequired", locale));
            return again;
        } catch (ReturnRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            return again;
        }
    }

    @GetMapping("/compte/retours")
    String myReturns(Model model, Locale locale) {
        CustomerId me = sessions.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<OrderSummary> placed = orders.placedBy(me, 0, 100).items();
        model.addAttribute("returns", returns.forOrders(placed.stream().map(OrderSummary::number).toList()).reversed());
        model.addAttribute("format", new CheckoutPages.Formatter(format, locale));
        return "storefront/returns";
    }

    /**
     * A return's slip (PDF), for whoever may see its order: the emailed link (with the order's token) or the
     * signed-in buyer. Another customer's return, or a return of another order, is not found.
     */
    @GetMapping("/commande/{number}/retours/{returnNumber}/bordereau.pdf")
    org.springframework.http.ResponseEntity<byte[]> slip(@PathVariable String number, @PathVariable String returnNumber,
            @RequestParam(name = "t", required = false) String t) {
        OrderView order = order(number, t);
        CustomerReturn found = returns.findByNumber(returnNumber).filter(r -> r.order().equals(order.number()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pdf(slips.slip(found.id(), order.locale()), io.boucle.returns.ReturnSlips.fileName(found));
    }

    private static org.springframework.http.ResponseEntity<byte[]> pdf(byte[] content, String filename) {
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.inline().filename(filename).build().toString())
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }

    /** The order page's withdrawal section: what the customer may do, and the deadline. */
    static void section(Model model, Returns returns, OrderView order, Locale locale) {
        WithdrawalStanding standing = returns.standing(order);
        model.addAttribute("withdrawal", standing);
        model.addAttribute("withdrawalDeadline", standing.deadline() == null ? null : longDate(standing.deadline(), locale));
    }

    private static List<ReturnRequest.Item> items(Map<String, String> form) {
        List<ReturnRequest.Item> items = new ArrayList<>();
        form.forEach((name, value) -> {
            if (name.startsWith("qty_") && value != null && !value.isBlank()) {
                try {
                    int position = Integer.parseInt(name.substring(4));
                    int quantity = Integer.parseInt(value.strip());
                    if (quantity > 0) {
                        items.add(new ReturnRequest.Item(null, position, quantity));
                    }
                } catch (NumberFormatException e) {
                    // not a number: ignored, like an empty field
                }
            }
        });
        items.sort(java.util.Comparator.comparing(ReturnRequest.Item::position));
        return items;
    }

    private String refusal(ReturnRefused e, Locale locale) {
        String why = messages.getMessage("withdrawal.refused." + e.reason().name(), null, e.getMessage(), locale);
        return messages.getMessage("withdrawal.refused", new Object[] { why }, locale);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    static String longDate(java.time.LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date);
    }

    private OrderView order(String number, String token) {
        try {
            OrderNumber parsed = new OrderNumber(number);
            if (token == null) {
                return orders.viewForCustomer(parsed, sessions.current().orElse(null));
            }
            return orders.view(parsed, token);
        } catch (NotFound | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
