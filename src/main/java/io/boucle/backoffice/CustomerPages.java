package io.boucle.backoffice;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.customer.PurchaseHistory;
import io.boucle.customer.Segment;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.privacy.PersonalData;
import io.boucle.returns.Returns;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers for owners, managers and support: the list with segments, each customer's profile,
 * addresses, orders, consent history and staff notes, and their GDPR export. Erasure is for owners.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
class CustomerPages {

    private final Customers customers;
    private final Orders orders;
    private final Returns returns;
    private final PersonalData personalData;
    private final MessageSource messages;
    private final Clock clock;

    CustomerPages(Customers customers, Orders orders, Returns returns, PersonalData personalData, MessageSource messages,
            Clock clock) {
        this.customers = customers;
        this.orders = orders;
        this.returns = returns;
        this.personalData = personalData;
        this.messages = messages;
        this.clock = clock;
    }

    record Row(Customer customer, PurchaseHistory history, Set<Segment> segments) {
    }

    /** The list, filtered by what was typed and by a segment (none, or one of {@link Segment}), a page at a time. */
    @GetMapping("/admin/customers")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String segment,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q.strip().length() > 200 ? q.strip().substring(0, 200) : q.strip();
        Segment chosen = segment(segment);
        Instant now = Instant.now(clock);
        Page<Customer> found = customers.search(query, chosen, orders::purchaseHistories, now, Math.max(page, 0),
                BackOfficePages.PAGE_SIZE);
        Map<CustomerId, PurchaseHistory> histories = orders.purchaseHistories(found.items().stream().map(Customer::id).toList());
        model.addAttribute("rows", found.items().stream().map(customer -> new Row(customer, histories.get(customer.id()),
                Segment.of(customer, histories.get(customer.id()), now))).toList());
        model.addAttribute("found", found);
        model.addAttribute("q", query);
        model.addAttribute("segment", chosen == null ? "" : chosen.name());
        model.addAttribute("allSegments", Segment.values());
        return "backoffice/customers";
    }

    private static Segment segment(String typed) {
        if (typed.isBlank()) {
            return null;
        }
        try {
            return Segment.valueOf(typed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown segment");
        }
    }

    @GetMapping("/admin/customers/{id}")
    String profile(@PathVariable String id, Model model) {
        Customer customer = find(id);
        PurchaseHistory history = orders.purchaseHistories(List.of(customer.id())).get(customer.id());
        List<OrderView> placed = orders.ofPerson(customer.id(), customer.email());
        Set<Object> addresses = new LinkedHashSet<>();
        placed.reversed().forEach(order -> {
            addresses.add(order.shipping());
            addresses.add(order.billing());
        });
        model.addAttribute("customer", customer);
        model.addAttribute("history", history);
        model.addAttribute("segments", Segment.of(customer, history, Instant.now(clock)));
        model.addAttribute("orders", placed.reversed());
        model.addAttribute("returns", returns.forOrders(placed.stream().map(OrderView::number).toList()));
        model.addAttribute("addresses", addresses);
        model.addAttribute("consents", customers.consents(customer.id()).reversed());
        model.addAttribute("notes", customers.notes(customer.id()));
        model.addAttribute("erasedAt", customers.erasedAt(customer.id()).orElse(null));
        return "backoffice/customer";
    }

    @PostMapping("/admin/customers/{id}/notes")
    String addNote(@PathVariable String id, @RequestParam(defaultValue = "") String body, Authentication staff,
            RedirectAttributes redirect, Locale locale) {
        Customer customer = find(id);
        try {
            customers.addNote(customer.id(), body, staff.getName());
            redirect.addFlashAttribute("notice", messages.getMessage("admin.customers.noteAdded", null, locale));
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.customers.noteInvalid",
                    new Object[] { Customers.MAX_NOTE }, locale));
        }
        return "redirect:/admin/customers/" + customer.id();
    }

    @PostMapping("/admin/customers/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable String id) {
        Customer customer = find(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(PersonalData.fileName(customer.id())).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(personalData.export(customer.id()));
    }

    @PostMapping("/admin/customers/{id}/erase")
    @PreAuthorize("hasRole('OWNER')")
    String erase(@PathVariable String id, @RequestParam(defaultValue = "") String confirm, RedirectAttributes redirect,
            Locale locale) {
        Customer customer = find(id);
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.customers.eraseUnconfirmed", null, locale));
        } else {
            boolean done = personalData.erase(customer.id());
            redirect.addFlashAttribute("notice", messages.getMessage(done ? "admin.customers.erased"
                    : "admin.customers.erasedAlready", null, locale));
        }
        return "redirect:/admin/customers/" + customer.id();
    }

    private Customer find(String id) {
        try {
            return customers.find(new CustomerId(UUID.fromString(id)))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
