package io.boucle.backoffice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductQuery;
import io.boucle.catalog.SellableVariant;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.Movement;
import io.boucle.inventory.StockFilter;
import io.boucle.inventory.StockRow;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Stock in the back office: every SKU's levels (low and sold-out ones on their own if wanted), and a
 * page per SKU with its ledger, a form to count or adjust it (always with a reason, which the ledger
 * keeps) and its low-stock threshold. A form with a mistake comes back with what was typed; nothing
 * is changed then.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class StockPages {

    static final int PAGE_SIZE = 50;

    /** How many products whose title matches the search lend their SKUs to it. */
    static final int TITLE_MATCHES = 200;

    /** A line of the list: the stock and the product it belongs to (null when the catalog does not know the SKU). */
    public record Line(StockRow stock, String title, String productSlug) {
    }

    /** The adjustment form as typed: {@code mode} is {@code delta} (add or remove) or {@code count} (the new on hand). */
    public record AdjustmentForm(String mode, String value, String reason) {

        static AdjustmentForm empty() {
            return new AdjustmentForm("delta", "", "");
        }
    }

    private final Inventory inventory;
    private final Catalog catalog;
    private final MessageSource messages;

    StockPages(Inventory inventory, Catalog catalog, MessageSource messages) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/admin/stock")
    String list(@RequestParam(defaultValue = "ALL") String filter, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        StockFilter chosen;
        try {
            chosen = StockFilter.valueOf(filter.strip());
        } catch (IllegalArgumentException e) {
            chosen = StockFilter.ALL;
        }
        String text = q.length() > 200 ? q.substring(0, 200).strip() : q.strip();
        Set<String> titleMatches = new LinkedHashSet<>();
        if (!text.isEmpty()) {
            catalog.staffList(text, 0, TITLE_MATCHES).items().forEach(product -> titleMatches.addAll(product.skus()));
        }
        Page<StockRow> rows = inventory.list(text, titleMatches, chosen, Math.max(page, 0), PAGE_SIZE);
        Map<String, SellableVariant> products = catalog.sellable(rows.items().stream().map(StockRow::sku).toList());
        model.addAttribute("lines", rows.items().stream().map(row -> {
            SellableVariant product = products.get(row.sku());
            return new Line(row, product == null ? null : product.title().in(locale), product == null ? null : product.productSlug());
        }).toList());
        model.addAttribute("filters", StockFilter.values());
        model.addAttribute("filter", chosen.name());
        model.addAttribute("q", text);
        model.addAttribute("page", rows.page());
        model.addAttribute("total", rows.total());
        model.addAttribute("hasNext", rows.hasNext());
        return "backoffice/stock";
    }

    @GetMapping("/admin/stock/{sku}")
    String item(@PathVariable String sku, @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AdjustmentForm.empty());
        }
        return itemPage(sku, Math.max(page, 0), model, locale);
    }

    @PostMapping("/admin/stock/{sku}/adjustments")
    String adjust(@PathVariable String sku, @RequestParam(defaultValue = "delta") String mode,
            @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect, Locale locale) {
        StockRow stock = find(sku);
        AdjustmentForm form = new AdjustmentForm("count".equals(mode) ? "count" : "delta", value, reason);
        List<String> problems = new ArrayList<>();
        Integer number = null;
        try {
            number = Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(messages.getMessage("admin.stock.problem.number", null, locale));
        }
        if (reason.isBlank()) {
            problems.add(messages.getMessage("admin.stock.problem.reason", null, locale));
        }
        if (number != null && problems.isEmpty()) {
            int onHandAfter = form.mode().equals("count") ? number : stock.onHand() + number;
            if (onHandAfter > 1 && catalog.kindOfSku(sku).orElse(null) == ProductQuery.Kind.SECOND_HAND) {
                problems.add(messages.getMessage("admin.stock.problem.unique", null, locale));
            } else {
                try {
                    if (form.mode().equals("count")) {
                        inventory.setOnHand(sku, number, reason);
                    } else {
                        inventory.adjust(sku, number, reason);
                    }
                    redirect.addFlashAttribute("notice", messages.getMessage("admin.stock.adjusted", null, locale));
                    return "redirect:/admin/stock/" + sku;
                } catch (InvalidField | IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return itemPage(sku, 0, model, locale);
    }

    @PostMapping("/admin/stock/{sku}/threshold")
    String threshold(@PathVariable String sku, @RequestParam(defaultValue = "") String threshold, Model model,
            RedirectAttributes redirect, Locale locale) {
        find(sku);
        try {
            int value = Integer.parseInt(threshold.strip());
            inventory.setLowStockThreshold(sku, value);
            redirect.addFlashAttribute("notice", messages.getMessage("admin.stock.thresholdSaved", new Object[] { value }, locale));
            return "redirect:/admin/stock/" + sku;
        } catch (NumberFormatException | InvalidField e) {
            model.addAttribute("form", AdjustmentForm.empty());
            model.addAttribute("thresholdTyped", threshold);
            model.addAttribute("problems", List.of(messages.getMessage("admin.stock.problem.threshold", null, locale)));
            return itemPage(sku, 0, model, locale);
        }
    }

    private String itemPage(String sku, int page, Model model, Locale locale) {
        StockRow stock = find(sku);
        SellableVariant product = catalog.sellable(List.of(sku)).get(sku);
        Page<Movement> ledger = inventory.movements(sku, page, PAGE_SIZE);
        model.addAttribute("line", new Line(stock, product == null ? null : product.title().in(locale),
                product == null ? null : product.productSlug()));
        model.addAttribute("movements", ledger.items());
        model.addAttribute("page", ledger.page());
        model.addAttribute("total", ledger.total());
        model.addAttribute("hasNext", ledger.hasNext());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", List.of());
        }
        if (!model.containsAttribute("thresholdTyped")) {
            model.addAttribute("thresholdTyped", Integer.toString(stock.lowStockThreshold()));
        }
        return "backoffice/stock-item";
    }

    private StockRow find(String sku) {
        return inventory.stock(sku).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
