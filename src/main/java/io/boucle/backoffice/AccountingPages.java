package io.boucle.backoffice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.boucle.invoicing.AccountingReports;
import io.boucle.invoicing.InvalidMerchantSettings;
import io.boucle.invoicing.InvoiceWhen;
import io.boucle.invoicing.Invoicing;
import io.boucle.invoicing.MerchantSettings;
import io.boucle.invoicing.PostalAddress;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static io.boucle.invoicing.AccountingReports.date;
import static io.boucle.platform.web.Downloads.csv;

/**
 * For the owner and the accountant: the accounting reports (journal, OSS return, B2C e-reporting),
 * shown and downloaded as CSV; and the merchant's legal details that every invoice copies, which
 * the accountant reads and only the owner changes.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class AccountingPages {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final AccountingReports reports;
    private final Invoicing invoicing;
    private final Clock clock;

    AccountingPages(AccountingReports reports, Invoicing invoicing, Clock clock) {
        this.reports = reports;
        this.invoicing = invoicing;
        this.clock = clock;
    }

    // Reports

    /** By default: this month so far, and the last quarter ended (the OSS return due next). */
    @GetMapping("/admin/reports")
    String reports(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(required = false) Integer year, @RequestParam(required = false) Integer quarter, Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), PARIS);
        LocalDate lastQuarter = today.with(IsoFields.DAY_OF_QUARTER, 1).minusMonths(3);
        int ossYear = year != null ? year : lastQuarter.getYear();
        int ossQuarter = quarter != null ? quarter : lastQuarter.get(IsoFields.QUARTER_OF_YEAR);
        model.addAttribute("from", from.isBlank() ? today.withDayOfMonth(1).toString() : from.strip());
        model.addAttribute("to", to.isBlank() ? today.toString() : to.strip());
        model.addAttribute("year", ossYear);
        model.addAttribute("quarter", ossQuarter);
        List<String> problems = new ArrayList<>();
        try {
            model.addAttribute("eReporting", reports.eReporting(date("from", (String) model.getAttribute("from")),
                    date("to", (String) model.getAttribute("to"))));
        } catch (InvalidField e) {
            problems.add(e.getMessage());
        }
        try {
            model.addAttribute("oss", reports.ossReturn(ossYear, ossQuarter));
        } catch (InvalidField e) {
            problems.add(e.getMessage());
        }
        model.addAttribute("problems", problems);
        return "backoffice/reports";
    }

    @GetMapping("/admin/reports/journal.csv")
    ResponseEntity<String> journal(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to) {
        return csv("journal-" + from + "-" + to, reports.journalCsv(date("from", from), date("to", to)));
    }

    @GetMapping("/admin/reports/oss.csv")
    ResponseEntity<String> oss(@RequestParam int year, @RequestParam int quarter) {
        return csv("oss-" + year + "-Q" + quarter, reports.ossReturnCsv(year, quarter));
    }

    @GetMapping("/admin/reports/e-reporting.csv")
    ResponseEntity<String> eReporting(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to) {
        return csv("e-reporting-" + from + "-" + to, reports.eReportingCsv(date("from", from), date("to", to)));
    }

    /** A download asked for a period that makes no sense: said in plain words, nothing to save. */
    @ExceptionHandler(InvalidField.class)
    ResponseEntity<String> badRequest(InvalidField e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    // Merchant settings

    /** The settings form's fields, as typed. */
    record SettingsForm(String legalName, String legalForm, String line1, String line2, String postalCode, String city,
            String country, String siren, String siret, String vatNumber, String rcs, String shareCapital,
            Boolean vatOnDebits, String paymentTerms, String paymentTermDays, String earlyPaymentDiscount,
            String latePaymentPenalties, String recoveryIndemnity, String invoicePrefix, String creditNotePrefix,
            String invoiceWhen) {

        static SettingsForm of(MerchantSettings settings, InvoiceWhen when) {
            PostalAddress address = settings.address();
            return new SettingsForm(settings.legalName(), settings.legalForm(), address.line1(),
                    address.line2().orElse(""), address.postalCode(), address.city(), address.country().value(),
                    settings.siren(), settings.siret(), settings.vatNumber(), settings.rcs(),
                    settings.shareCapital().map(capital -> capital.amount().stripTrailingZeros().toPlainString()).orElse(""),
                    settings.vatOnDebits(), settings.paymentTerms(), String.valueOf(settings.paymentTermDays()),
                    settings.earlyPaymentDiscount(), settings.latePaymentPenalties(), settings.recoveryIndemnity(),
                    settings.invoicePrefix(), settings.creditNotePrefix(), when.name());
        }
    }

    @GetMapping("/admin/settings/merchant")
    String settings(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SettingsForm.of(invoicing.merchantSettings(), invoicing.invoiceWhen()));
        }
        model.addAttribute("confirmedAt", invoicing.merchantSettingsConfirmedAt().orElse(null));
        model.addAttribute("invoiceWhenChoices", InvoiceWhen.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "backoffice/merchant-settings";
    }

    @PostMapping("/admin/settings/merchant")
    @PreAuthorize("hasRole('OWNER')")
    String saveSettings(@ModelAttribute SettingsForm form, Model model, RedirectAttributes redirect, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        MerchantSettings settings = null;
        try {
            PostalAddress address = address(form, errors);
            Optional<Money> capital = capital(form.shareCapital(), errors);
            Integer days = days(form.paymentTermDays(), errors);
            InvoiceWhen when = invoiceWhen(form.invoiceWhen(), errors);
            settings = new MerchantSettings(form.legalName(), form.legalForm(), address, form.siren(), form.siret(),
                    form.vatNumber(), form.rcs(), capital, Boolean.TRUE.equals(form.vatOnDebits()), form.paymentTerms(),
                    days == null ? 0 : days, form.earlyPaymentDiscount(), form.latePaymentPenalties(),
                    form.recoveryIndemnity(), form.invoicePrefix(), form.creditNotePrefix());
            if (errors.isEmpty()) {
                invoicing.updateMerchantSettings(settings, when);
            }
        } catch (InvalidMerchantSettings e) {
            e.problems().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            return settings(model);
        }
        redirect.addFlashAttribute("notice", "saved");
        return "redirect:/admin/settings/merchant";
    }

    private static PostalAddress address(SettingsForm form, Map<String, String> errors) {
        try {
            return PostalAddress.of(form.line1(), form.line2(), form.postalCode(), form.city(),
                    form.country() == null ? "" : form.country().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("address", e.getMessage());
            return null;
        }
    }

    private static Optional<Money> capital(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Money.of(new BigDecimal(value.strip().replace(" ", "").replace(',', '.')), Money.EUR));
        } catch (NumberFormatException e) {
            errors.put("shareCapital", "an amount in euros, such as 10000");
            return Optional.empty();
        }
    }

    /** Left out of the form: unchanged. */
    private InvoiceWhen invoiceWhen(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return invoicing.invoiceWhen();
        }
        try {
            return InvoiceWhen.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            errors.put("invoiceWhen", "PAID or SHIPPED");
            return invoicing.invoiceWhen();
        }
    }

    private static Integer days(String value, Map<String, String> errors) {
        try {
            return Integer.valueOf(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            errors.put("paymentTermDays", "a number of days, 0 to 60");
            return null;
        }
    }
}
