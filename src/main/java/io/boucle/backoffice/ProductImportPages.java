package io.boucle.backoffice;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.boucle.catalog.ProductCsv;
import io.boucle.catalog.ProductImports;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import and export of products. An import's page shows its progress and refreshes itself
 * (an HTTP {@code Refresh} header: no JavaScript needed) until it is over, then lists the rows
 * refused with their line, column and reason; {@code …/status} gives the same as JSON.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ProductImportPages {

    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    private final ProductImports imports;
    private final Clock clock;

    ProductImportPages(ProductImports imports, Clock clock) {
        this.imports = imports;
        this.clock = clock;
    }

    @GetMapping("/admin/catalog/import")
    String page(Model model) {
        model.addAttribute("recent", imports.recent(10));
        model.addAttribute("columns", ProductCsv.COLUMNS);
        return "backoffice/product-import";
    }

    @PostMapping("/admin/catalog/import")
    String start(@RequestParam(required = false) MultipartFile file, Principal staff, RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("error", "choose a CSV file");
            return "redirect:/admin/catalog/import";
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            redirect.addFlashAttribute("error", "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            return "redirect:/admin/catalog/import";
        }
        try {
            UUID id = imports.start(file.getOriginalFilename(), file.getBytes(), staff.getName());
            return "redirect:/admin/catalog/import/" + id;
        } catch (ProductCsv.Unreadable e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/admin/catalog/import";
        }
    }

    @GetMapping("/admin/catalog/import/{id}")
    String progress(@PathVariable UUID id, Model model, HttpServletResponse response) {
        ProductImports.Status status = imports.status(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (status.running()) {
            response.setHeader("Refresh", "2");
        }
        model.addAttribute("status", status);
        return "backoffice/product-import-status";
    }

    @GetMapping(value = "/admin/catalog/import/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> status(@PathVariable UUID id) {
        ProductImports.Status status = imports.status(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.state());
        json.put("total", status.total());
        json.put("done", status.done());
        json.put("imported", status.imported());
        json.put("failed", status.failed());
        json.put("percent", status.percent());
        json.put("errors", status.errors());
        return json;
    }

    @GetMapping("/admin/catalog/export.csv")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"products-"
                + LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Paris")) + ".csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.export(out);
        out.flush();
    }
}
