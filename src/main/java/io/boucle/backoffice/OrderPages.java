package io.boucle.backoffice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.boucle.order.Cancellation;
import io.boucle.order.OrderDetail;
import io.boucle.order.OrderFilter;
import io.boucle.order.OrderNotCancellable;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderRow;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.payment.Refund;
import io.boucle.platform.web.PageFormat;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Orders in the back office: the list with its filters, and an order's page with its payments,
 * emails and timeline. Every staff member may read them; only an owner or a manager cancels (which
 * refunds), after ticking a confirmation.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
class OrderPages {

    static final int PAGE_SIZE = 50;

    private final Orders orders;
    private final io.boucle.fulfilment.Fulfilment fulfilment;
    private final MessageSource messages;
    private final PageFormat format;
    private final io.boucle.returns.Returns returns;

    OrderPages(Orders orders, io.boucle.fulfilment.Fulfilment fulfilment, MessageSource messages, PageFormat format,
            io.boucle.returns.Returns returns) {
        this.orders = orders;
        this.returns = returns;
        this.fulfilment = fulfilment;
        this.messages = messages;
        this.format = format;
    }

    @GetMapping("/admin/orders")
    String list(@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        List<String> problems = new ArrayList<>();
        OrderStatus parsedStatus = null;
        if (!status.isBlank()) {
            try {
                parsedStatus = OrderStatus.valueOf(status.strip());
            } catch (IllegalArgumentException e) {
                problems.add(messages.getMessage("admin.orders.problem.status", null, locale));
            }
        }
        LocalDate fromDate = date(from, problems, locale);
        LocalDate toDate = date(to, problems, locale);
        String text = q.length() > 200 ? q.substring(0, 200) : q.strip();
        OrderFilter filter;
        try {
            filter = new OrderFilter(parsedStatus, fromDate, toDate, text);
        } catch (InvalidField e) {
            problems.add(messages.getMessage("admin.orders.problem.range", null, locale));
            filter = new OrderFilter(parsedStatus, fromDate, null, text);
        }
        Page<OrderRow> rows = orders.search(filter, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("rows", rows.items());
        model.addAttribute("statuses", OrderStatus.values());
        model.addAttribute("status", status.strip());
        model.addAttribute("from", from.strip());
        model.addAttribute("to", to.strip());
        model.addAttribute("q", text);
        model.addAttribute("problems", problems);
        model.addAttribute("page", rows.page());
        model.addAttribute("total", rows.total());
        model.addAttribute("hasNext", rows.hasNext());
        return "backoffice/orders";
    }

    @GetMapping("/admin/orders/{number}")
    String detail(@PathVariable String number, Model model) {
        OrderDetail detail = find(number);
        model.addAttribute("detail", detail);
        model.addAttribute("order", detail.order());
        model.addAttribute("totalExclVat", detail.order().totals().total().minus(detail.order().totals().totalVat()));
        model.addAttribute("fulfilment", fulfilment.forOrder(detail.order().number()).orElse(null));
        model.addAttribute("carriers", fulfilment.carriers());
        model.addAttribute("statuses", io.boucle.fulfilment.ShipmentStatus.values());
        model.addAttribute("today", fulfilment.today());
        model.addAttribute("withdrawalInformation", returns.withdrawalInformation(detail.order().number()).orElse(null));
        model.addAttribute("withdrawalDeadline", returns.withdrawalDeadline(detail.order().number()).orElse(null));
        if (!model.containsAttribute("reason")) {
            model.addAttribute("reason", "");
        }
        return "backoffice/order";
    }

    @PostMapping("/admin/orders/{number}/cancel")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    String cancel(@PathVariable String number, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String confirm, RedirectAttributes redirect, Locale locale) {
        OrderNumber orderNumber = find(number).order().number();
        String target = "redirect:/admin/orders/" + orderNumber;
        redirect.addFlashAttribute("reason", reason);
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.cancel.unconfirmed", null, locale));
            return target;
        }
        Cancellation cancellation;
        try {
            cancellation = orders.cancel(orderNumber, reason);
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.cancel.reasonRequired",
                    new Object[] { Orders.MAX_REASON }, locale));
            return target;
        } catch (OrderNotCancellable e) {
            redirect.addFlashAttribute("error", e.status() == OrderStatus.CANCELLED
                    ? messages.getMessage("admin.order.cancel.already", null, locale)
                    : messages.getMessage("admin.order.cancel.tooLate",
                            new Object[] { messages.getMessage("admin.orders.status." + e.status(), null, locale) }, locale));
            return target;
        }
        redirect.addFlashAttribute("reason", "");
        if (cancellation.refundFailed()) {
            String failures = String.join(", ", cancellation.refunds().stream()
                    .filter(refund -> refund.failed() && refund.failure() != null).map(Refund::failure).toList());
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.cancel.refundFailed",
                    new Object[] { format.price(cancellation.refundDue(), locale), failures.isEmpty() ? "?" : failures }, locale));
        } else if (!cancellation.refunds().isEmpty()) {
            redirect.addFlashAttribute("notice", messages.getMessage("admin.order.cancel.refunded",
                    new Object[] { format.price(cancellation.refunds().stream().map(Refund::amount)
                            .reduce(Money::plus).orElseThrow(), locale) }, locale));
        } else {
            redirect.addFlashAttribute("notice", messages.getMessage("admin.order.cancel.done", null, locale));
        }
        return target;
    }

    /**
     * Records whether the withdrawal information was given for the order (L221-20): not given, or given on
     * a day (e.g. sent later). Owners, managers and support.
     */
    @PostMapping("/admin/orders/{number}/withdrawal-information")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    String withdrawalInformation(@PathVariable String number, @RequestParam(defaultValue = "") String given,
            @RequestParam(defaultValue = "") String givenOn, @RequestParam(defaultValue = "") String note,
            java.security.Principal staff, RedirectAttributes redirect, Locale locale) {
        OrderNumber orderNumber = find(number).order().number();
        String target = "redirect:/admin/orders/" + orderNumber;
        if (!List.of("yes", "no").contains(given)) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.withdrawalInformation.refused",
                    new Object[] { "given: yes or no" }, locale));
            return target;
        }
        try {
            LocalDate day = givenOn.isBlank() ? null : LocalDate.parse(givenOn.strip());
            returns.recordWithdrawalInformation(orderNumber, "yes".equals(given), day, note, staff.getName());
            redirect.addFlashAttribute("notice", messages.getMessage("admin.order.withdrawalInformation.recorded", null, locale));
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.withdrawalInformation.refused",
                    new Object[] { "givenOn: " + givenOn.strip() }, locale));
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.order.withdrawalInformation.refused",
                    new Object[] { e.getMessage() }, locale));
        }
        return target;
    }

    private OrderDetail find(String number) {
        try {
            return orders.detail(new OrderNumber(number)).orElseThrow(() -> new NotFound("no order " + number));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private LocalDate date(String value, List<String> problems, Locale locale) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(messages.getMessage("admin.orders.problem.date", new Object[] { value.strip() }, locale));
            return null;
        }
    }
}
