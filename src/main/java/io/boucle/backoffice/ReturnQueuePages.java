package io.boucle.backoffice;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.boucle.catalog.Condition;
import io.boucle.order.Orders;
import io.boucle.platform.web.PageFormat;
import io.boucle.returns.CustomerReturn;
import io.boucle.returns.Inspection;
import io.boucle.returns.ReturnRefused;
import io.boucle.returns.Returns;
import io.boucle.shared.NotFound;
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
 * Returns in the back office: the queues (to inspect, refunds due with their deadlines, alerts, items to
 * sell again second-hand), and a return's page with its inspection form and refund button. Owners,
 * managers and support handle returns; accountants read them (refunds and credit notes are theirs to
 * check) but change nothing.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
class ReturnQueuePages {

    private final Returns returns;
    private final Orders orders;
    private final io.boucle.fulfilment.Fulfilment fulfilment;
    private final io.boucle.returns.ReturnSlips slips;
    private final MessageSource messages;
    private final PageFormat format;

    ReturnQueuePages(Returns returns, Orders orders, io.boucle.fulfilment.Fulfilment fulfilment, MessageSource messages,
            PageFormat format, io.boucle.returns.ReturnSlips slips) {
        this.returns = returns;
        this.slips = slips;
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.messages = messages;
        this.format = format;
    }

    @GetMapping("/admin/returns")
    String queues(Model model) {
        model.addAttribute("queues", returns.queues());
        model.addAttribute("lateRefunds", fulfilment.lateRefundAlerts());
        return "backoffice/returns";
    }

    @GetMapping("/admin/returns/{id}")
    String detail(@PathVariable String id, Model model, Locale locale) {
        CustomerReturn found = find(id);
        model.addAttribute("r", found);
        model.addAttribute("order", orders.find(found.order()).orElseThrow());
        model.addAttribute("conditions", Condition.values());
        if (found.refundable()) {
            try {
                Returns.RefundAmount amount = returns.amount(found.id());
                model.addAttribute("amount", amount);
            } catch (ReturnRefused e) {
                model.addAttribute("error", messages.getMessage("admin.return.refused", new Object[] { e.getMessage() }, locale));
            }
        }
        return "backoffice/return";
    }

    /** The return slip, as the customer got it (in the order's language), for every staff role. */
    @GetMapping("/admin/returns/{id}/slip.pdf")
    org.springframework.http.ResponseEntity<byte[]> slip(@PathVariable String id) {
        CustomerReturn found = find(id);
        Locale language = orders.find(found.order()).map(io.boucle.order.OrderView::locale).orElse(Locale.FRENCH);
        return pdf(slips.slip(found.id(), language), io.boucle.returns.ReturnSlips.fileName(found));
    }

    private static org.springframework.http.ResponseEntity<byte[]> pdf(byte[] content, String filename) {
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.inline().filename(filename).build().toString())
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }

    @PostMapping("/admin/returns/{id}/inspection")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    String inspect(@PathVariable String id, @RequestParam Map<String, String> form, Principal staff,
            RedirectAttributes redirect, Locale locale) {
        CustomerReturn found = find(id);
        List<Inspection> inspections = new ArrayList<>();
        found.lines().forEach(line -> {
            String outcome = form.get("outcome_" + line.position());
            if (outcome == null) {
                return;
            }
            String grade = form.get("condition_" + line.position());
            Condition condition = null;
            if (grade != null && !grade.isBlank()) {
                try {
                    condition = Condition.valueOf(grade);
                } catch (IllegalArgumentException e) {
                    condition = null;
                }
            }
            inspections.add(new Inspection(line.position(), "ACCEPTED".equals(outcome), condition,
                    form.get("note_" + line.position())));
        });
        try {
            returns.inspect(found.id(), inspections, staff.getName());
            redirect.addFlashAttribute("notice", messages.getMessage("admin.return.inspected", null, locale));
        } catch (ReturnRefused | io.boucle.shared.InvalidField e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.return.refused", new Object[] { e.getMessage() }, locale));
        }
        return "redirect:/admin/returns/" + found.id();
    }

    @PostMapping("/admin/returns/{id}/refund")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    String refund(@PathVariable String id, RedirectAttributes redirect, Locale locale) {
        CustomerReturn found = find(id);
        try {
            Returns.RefundOutcome outcome = returns.refund(found.id());
            if (outcome.failed()) {
                redirect.addFlashAttribute("error", messages.getMessage("admin.return.refundFailed",
                        new Object[] { String.valueOf(outcome.customerReturn().refundFailure()) }, locale));
            } else {
                redirect.addFlashAttribute("notice", messages.getMessage("admin.return.refunded",
                        new Object[] { format.price(outcome.customerReturn().refundAmount(), locale) }, locale));
            }
        } catch (ReturnRefused e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.return.refused", new Object[] { e.getMessage() }, locale));
        }
        return "redirect:/admin/returns/" + found.id();
    }

    @PostMapping("/admin/returns/relist/{id}")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    String relisted(@PathVariable UUID id) {
        returns.markRelisted(id);
        return "redirect:/admin/returns";
    }

    private CustomerReturn find(String id) {
        try {
            return returns.find(UUID.fromString(id)).orElseThrow(() -> new NotFound("no return " + id));
        } catch (IllegalArgumentException | NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
