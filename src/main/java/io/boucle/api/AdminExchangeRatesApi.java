package io.boucle.api;

import java.util.List;

import io.boucle.pricing.ExchangeRates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference exchange rates, for the owner and the accountant: the latest of each currency, and the import
 * of an ECB reference-rates file (the XML itself as the body). A file at fault is a 400 problem and imports
 * nothing.
 */
@RestController
@RequestMapping("/api/v1/admin/exchange-rates")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class AdminExchangeRatesApi {

    record RateView(String currency, String rate, String date, String source, boolean offered) {
    }

    record ImportView(int rates, List<String> days) {
    }

    private final ExchangeRates rates;

    AdminExchangeRatesApi(ExchangeRates rates) {
        this.rates = rates;
    }

    @GetMapping
    @Operation(summary = "The latest reference rate of each currency: how many units one euro buys")
    List<RateView> latest() {
        return rates.latest().stream().map(latest -> new RateView(latest.rate().currency().getCurrencyCode(),
                latest.rate().rate().toPlainString(), latest.rate().date().toString(), latest.source(),
                latest.offered())).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import an ECB reference-rates file (eurofxref-daily.xml or the 90-day file) sent as the body, all or nothing")
    ImportView importEcb(@RequestBody byte[] xml, @RequestParam(defaultValue = "") String source) {
        ExchangeRates.Imported imported = rates.importEcb(xml, source.isBlank() ? "API upload" : source);
        return new ImportView(imported.rates(), imported.days().stream().map(Object::toString).toList());
    }
}
