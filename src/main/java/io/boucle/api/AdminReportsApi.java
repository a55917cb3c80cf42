package io.boucle.api;

import java.util.List;

import io.boucle.invoicing.AccountingReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.boucle.invoicing.AccountingReports.date;
import static io.boucle.platform.web.Downloads.csv;

/** The accountant's reports, read from the issued invoices and credit notes: as JSON, or as CSV files. */
@RestController
@RequestMapping("/api/v1/admin/reports")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class AdminReportsApi {

    private final AccountingReports reports;

    AdminReportsApi(AccountingReports reports) {
        this.reports = reports;
    }

    @GetMapping("/journal")
    @Operation(summary = "Every invoice and credit note issued in a period (at most 366 days), a row per VAT rate; "
            + "credit notes negative")
    List<AccountingReports.JournalRow> journal(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return reports.journal(date("from", from), date("to", to));
    }

    @GetMapping("/journal.csv")
    @Operation(summary = "The journal as a CSV file")
    ResponseEntity<String> journalCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return csv("journal-" + from + "-" + to, reports.journalCsv(date("from", from), date("to", to)));
    }

    @GetMapping("/oss")
    @Operation(summary = "The OSS return of a quarter: per member state and rate, and corrections of earlier quarters")
    AccountingReports.OssReturn oss(@RequestParam int year, @RequestParam int quarter) {
        return reports.ossReturn(year, quarter);
    }

    @GetMapping("/oss.csv")
    @Operation(summary = "The OSS return of a quarter as a CSV file")
    ResponseEntity<String> ossCsv(@RequestParam int year, @RequestParam int quarter) {
        return csv("oss-" + year + "-Q" + quarter, reports.ossReturnCsv(year, quarter));
    }

    @GetMapping("/e-reporting")
    @Operation(summary = "The B2C e-reporting aggregates of each day of a period: per category and rate, totals and "
            + "document count")
    List<AccountingReports.EReportingLine> eReporting(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return reports.eReporting(date("from", from), date("to", to));
    }

    @GetMapping("/e-reporting.csv")
    @Operation(summary = "The B2C e-reporting aggregates as a CSV file")
    ResponseEntity<String> eReportingCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return csv("e-reporting-" + from + "-" + to, reports.eReportingCsv(date("from", from), date("to", to)));
    }
}
