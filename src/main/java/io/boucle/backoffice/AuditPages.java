package io.boucle.backoffice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.boucle.audit.Audit;
import io.boucle.audit.AuditEntry;
import io.boucle.audit.AuditFilter;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log of staff actions, for owners: who changed what, when, from where. */
@Controller
@PreAuthorize("hasRole('OWNER')")
class AuditPages {

    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    private final Audit audit;
    private final MessageSource messages;

    AuditPages(Audit audit, MessageSource messages) {
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(defaultValue = "") String staff, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        List<String> problems = new ArrayList<>();
        LocalDate fromDay = day(from, problems, locale);
        LocalDate toDay = day(to, problems, locale);
        Instant start = fromDay == null ? null : fromDay.atStartOfDay(SHOP_ZONE).toInstant();
        Instant end = toDay == null ? null : toDay.plusDays(1).atStartOfDay(SHOP_ZONE).toInstant();
        Page<AuditEntry> entries = audit.search(new AuditFilter(cut(staff), cut(action), cut(type), cut(target), start, end),
                Math.max(page, 0), BackOfficePages.PAGE_SIZE);
        model.addAttribute("entries", entries);
        model.addAttribute("types", audit.targetTypes());
        model.addAttribute("problems", problems);
        model.addAttribute("staff", staff);
        model.addAttribute("action", action);
        model.addAttribute("type", type);
        model.addAttribute("target", target);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "backoffice/audit";
    }

    private static String cut(String value) {
        String text = value.strip();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private LocalDate day(String value, List<String> problems, Locale locale) {
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
