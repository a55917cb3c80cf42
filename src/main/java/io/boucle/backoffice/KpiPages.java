package io.boucle.backoffice;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.boucle.analytics.Channel;
import io.boucle.analytics.InvalidSpend;
import io.boucle.analytics.KpiReport;
import io.boucle.analytics.Kpis;
import io.boucle.analytics.MarketingSpend;
import io.boucle.shared.InvalidField;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The KPI dashboard (owners, managers; accountants read it) with each figure's definition, its
 * previous-period value, and the suggested action when it is outside its healthy band; its CSV
 * export; and the marketing spend per channel and day (typed or imported by owners and managers).
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'ACCOUNTANT')")
class KpiPages {

    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    static final int DEFAULT_DAYS = 30;

    private final Kpis kpis;
    private final MarketingSpend spend;
    private final MessageSource messages;
    private final Clock clock;

    KpiPages(Kpis kpis, MarketingSpend spend, MessageSource messages, Clock clock) {
        this.kpis = kpis;
        this.spend = spend;
        this.messages = messages;
        this.clock = clock;
    }

    record Range(LocalDate from, LocalDate to, String error) {
    }

    @GetMapping("/admin/kpis")
    String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Range range = range(from, to);
        if (range.error() != null) {
            response.setStatus(400);
        }
        KpiReport report = kpis.report(range.from(), range.to());
        model.addAttribute("report", report);
        model.addAttribute("rangeError", range.error());
        model.addAttribute("charts", KpiCharts.of(report));
        model.addAttribute("fromValue", from == null ? range.from().toString() : from);
        model.addAttribute("toValue", to == null ? range.to().toString() : to);
        return "backoffice/kpis";
    }

    @GetMapping("/admin/kpis.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Locale locale) {
        Range range = range(from, to);
        if (range.error() != null) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, range.error());
        }
        KpiReport report = kpis.report(range.from(), range.to());
        StringBuilder csv = new StringBuilder("kpi;label;unit;value;previous;health;from;to\n");
        for (KpiReport.Kpi kpi : report.kpis()) {
            csv.append(kpi.code()).append(';').append(cell(messages.getMessage("kpi." + kpi.code(), null, kpi.code(), locale)))
                    .append(';').append(kpi.unit()).append(';').append(plain(kpi.value())).append(';').append(plain(kpi.previous()))
                    .append(';').append(kpi.health()).append(';').append(report.from()).append(';').append(report.to()).append('\n');
        }
        csv.append("\nchannel;sessions;orders;revenue_excl_vat;new_customers;spend;cac;ltv;ltv_cac\n");
        for (KpiReport.ChannelRow row : report.channels()) {
            csv.append(row.channel()).append(';').append(row.sessions()).append(';').append(row.orders()).append(';')
                    .append(plain(row.revenue())).append(';').append(row.newCustomers()).append(';').append(plain(row.spend()))
                    .append(';').append(plain(row.cac())).append(';').append(plain(row.ltv())).append(';').append(plain(row.ltvToCac()))
                    .append('\n');
        }
        csv.append("\nday;sessions;orders;revenue_incl_vat\n");
        for (KpiReport.DayPoint day : report.days()) {
            csv.append(day.day()).append(';').append(day.sessions()).append(';').append(day.orders()).append(';')
                    .append(plain(day.revenue())).append('\n');
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("kpis-" + report.from() + "-" + report.to() + ".csv").build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/admin/kpis/spend")
    String spend(Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), SHOP_ZONE);
        model.addAttribute("entries", spend.between(today.minusDays(90), today.plusDays(1)));
        model.addAttribute("channels", Channel.ALL.stream().filter(c -> !Channel.DIRECT.equals(c)).toList());
        if (!model.containsAttribute("day")) {
            model.addAttribute("day", today.toString());
        }
        return "backoffice/spend";
    }

    @PostMapping("/admin/kpis/spend")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    String saveSpend(@RequestParam(defaultValue = "") String day, @RequestParam(defaultValue = "") String channel,
            @RequestParam(defaultValue = "") String amount, Model model, RedirectAttributes redirect) {
        try {
            MarketingSpend.Entry saved = spend.save(day, channel, amount.replace(',', '.'));
            redirect.addFlashAttribute("saved", saved.day() + " · " + saved.channel() + " · " + saved.amount());
            return "redirect:/admin/kpis/spend";
        } catch (InvalidSpend e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("day", day);
            model.addAttribute("channel", channel);
            model.addAttribute("amount", amount);
            return spend(model);
        }
    }

    @PostMapping("/admin/kpis/spend/import")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    String importSpend(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String csv,
            Model model, RedirectAttributes redirect) throws IOException {
        String content = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        try {
            int imported = spend.importCsv(content);
            redirect.addFlashAttribute("imported", imported);
            return "redirect:/admin/kpis/spend";
        } catch (InvalidSpend e) {
            model.addAttribute("importProblems", e.problems().size() > 50 ? e.problems().subList(0, 50) : e.problems());
            model.addAttribute("csv", content.length() > 20_000 ? "" : content);
            return spend(model);
        }
    }

    private Range range(String from, String to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), SHOP_ZONE);
        Range fallback = new Range(today.minusDays(DEFAULT_DAYS - 1), today, null);
        if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
            return fallback;
        }
        try {
            LocalDate start = LocalDate.parse(from == null ? "" : from.strip());
            LocalDate end = LocalDate.parse(to == null ? "" : to.strip());
            Kpis.check(start, end);
            return new Range(start, end, null);
        } catch (DateTimeParseException e) {
            return new Range(fallback.from(), fallback.to(), "from, to: dates such as 2026-03-01");
        } catch (InvalidField e) {
            return new Range(fallback.from(), fallback.to(), e.getMessage());
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String cell(String text) {
        String safe = text.replace("\"", "\"\"");
        // a cell starting like a formula is shown as text by spreadsheets
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe + "\"";
    }
}
