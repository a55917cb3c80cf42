package io.boucle.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.boucle.analytics.KpiReport;
import io.boucle.analytics.Kpis;
import io.boucle.shared.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPI dashboard's figures as JSON (staff API token: owner, manager or accountant). Rates are
 * fractions, amounts EUR; each figure comes with the previous range of the same length.
 */
@RestController
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'ACCOUNTANT')")
class AdminKpisApi {

    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    private final Kpis kpis;
    private final Clock clock;

    AdminKpisApi(Kpis kpis, Clock clock) {
        this.kpis = kpis;
        this.clock = clock;
    }

    @Operation(summary = "The KPIs of a range of days (both included; the last 30 days when neither is given)")
    @GetMapping("/api/v1/admin/kpis")
    KpiReport kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        if (from == null && to == null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), SHOP_ZONE);
            return kpis.report(today.minusDays(29), today);
        }
        return kpis.report(day("from", from), day("to", to));
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(field, "required, a date such as 2026-03-31");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "a date such as 2026-03-31");
        }
    }
}
