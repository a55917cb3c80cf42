package io.boucle.backoffice;

import java.io.IOException;

import io.boucle.pricing.ExchangeRates;
import io.boucle.pricing.InvalidRatesFile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For the owner and the accountant: the reference exchange rates the shop converts prices with, and the
 * import of the ECB's reference-rates file ({@code eurofxref-daily.xml}, or the 90-day file).
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class ExchangeRatePages {

    private final ExchangeRates rates;

    ExchangeRatePages(ExchangeRates rates) {
        this.rates = rates;
    }

    @GetMapping("/admin/settings/exchange-rates")
    String page(Model model) {
        model.addAttribute("latest", rates.latest());
        model.addAttribute("offered", ExchangeRates.OFFERED.stream().map(c -> c.getCurrencyCode()).toList());
        return "backoffice/exchange-rates";
    }

    @PostMapping("/admin/settings/exchange-rates")
    String upload(@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidRatesFile("choose the ECB file to import");
            }
            ExchangeRates.Imported imported = rates.importEcb(file.getBytes(), file.getOriginalFilename());
            // Flash attributes live in the session: plain values only.
            redirect.addFlashAttribute("importedRates", imported.rates());
            redirect.addFlashAttribute("importedUntil", imported.days().getLast().toString());
            return "redirect:/admin/settings/exchange-rates";
        } catch (InvalidRatesFile | IOException e) {
            model.addAttribute("error", e.getMessage());
            return page(model);
        }
    }
}
