package io.boucle.backoffice;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.StaffProductRow;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.shared.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The catalog in the back office: every product, drafts included, with its stock, published or not. */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ProductPages {

    static final int PAGE_SIZE = 50;

    private final Catalog catalog;
    private final Inventory inventory;

    ProductPages(Catalog catalog, Inventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    @GetMapping("/admin/products")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        String query = q.length() > 200 ? q.substring(0, 200) : q;
        Page<StaffProductRow> rows = catalog.staffList(query, Math.max(page, 0), PAGE_SIZE);
        Set<String> skus = rows.items().stream().flatMap(row -> row.skus().stream()).collect(Collectors.toSet());
        Map<String, StockLevel> stock = inventory.levels(skus);
        model.addAttribute("rows", rows.items());
        model.addAttribute("stock", rows.items().stream().collect(Collectors.toMap(StaffProductRow::slug,
                row -> row.skus().stream().mapToInt(sku -> stock.get(sku).available()).sum())));
        model.addAttribute("q", query);
        model.addAttribute("page", rows.page());
        model.addAttribute("total", rows.total());
        model.addAttribute("hasNext", rows.hasNext());
        return "backoffice/products";
    }

    @PostMapping("/admin/products/{slug}/published")
    String publish(@PathVariable String slug, @RequestParam boolean published, @RequestParam(defaultValue = "") String q,
            RedirectAttributes redirect) {
        try {
            catalog.setPublished(slug, published);
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("changed", slug);
        redirect.addAttribute("q", q);
        return "redirect:/admin/products";
    }
}
