package io.boucle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.boucle.audit.Audit;
import io.boucle.audit.AuditEntry;
import io.boucle.audit.AuditFilter;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of staff actions (owners only). */
@RestController
@RequestMapping("/api/v1/admin/audit")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasRole('OWNER')")
class AdminAuditApi {

    static final int MAX_SIZE = 200;
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    private final Audit audit;

    AdminAuditApi(Audit audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Staff actions, newest first: who (staffId, staffEmail), what (action, targetType, targetId, "
            + "summary), when (at) and from where (clientAddress). Filters: staff (part of the email), action (its start), "
            + "targetType, targetId, from and to (days in the shop's time, to included)")
    Page<AuditEntry> list(@RequestParam(required = false) String staff, @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new InvalidField("page", "from 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", "between 1 and " + MAX_SIZE);
        }
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new InvalidField("to", "must not be before from");
        }
        Instant start = fromDay == null ? null : fromDay.atStartOfDay(SHOP_ZONE).toInstant();
        Instant end = toDay == null ? null : toDay.plusDays(1).atStartOfDay(SHOP_ZONE).toInstant();
        return audit.search(new AuditFilter(staff, action, targetType, targetId, start, end), page, size);
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "a date such as 2026-05-01");
        }
    }
}
