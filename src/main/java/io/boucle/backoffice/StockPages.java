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
import io.boucle.fulfilment.Delivery;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.Location;
import io.boucle.inventory.LocationKind;
import io.boucle.inventory.Movement;
import io.boucle.inventory.NewLocation;
import io.boucle.inventory.StockByLocation;
import io.boucle.inventory.StockFilter;
import io.boucle.inventory.StockRow;
import io.boucle.inventory.TooManyUnits;
import io.boucle.inventory.Transfer;
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
 * Stock in the back office: every SKU's levels, in total and per location (low and sold-out ones on
 * their own if wanted), and a page per SKU with its levels at each location, its ledger, a form to
 * count or adjust it at a location (always with a reason, which the ledger keeps), a form to move
 * units between locations and its low-stock threshold; the locations, and a form to open one. A form
 * with a mistake comes back with what was typed; nothing is changed then.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class StockPages {

    static final int PAGE_SIZE = 50;

    /** How many products whose title matches the search lend their SKUs to it. */
    static final int TITLE_MATCHES = 200;

    /**
     * A line of the list: the stock, its levels per location (null when none was counted) and the
     * product it belongs to (null when the catalog does not know the SKU).
     */
    public record Line(StockRow stock, StockByLocation levels, String title, String productSlug) {

        /** What the location {@code code} has. */
        public int at(String code) {
            return levels == null ? 0 : levels.at(code);
        }
    }

    /**
     * The adjustment form as typed: {@code mode} is {@code delta} (add or remove) or {@code count} (the
     * new on hand), at the location {@code location}.
     */
    public record AdjustmentForm(String mode, String value, String reason, String location) {

        static AdjustmentForm empty(String location) {
            return new AdjustmentForm("delta", "", "", location);
        }
    }

    /** The transfer form as typed. */
    public record TransferForm(String from, String to, String quantity, String note) {

        static TransferForm empty() {
            return new TransferForm("", "", "", "");
        }
    }

    /** The form opening a location, as typed. */
    public record LocationForm(String code, String name, String kind, String storeId, boolean sellableOnline) {

        static LocationForm empty() {
            return new LocationForm("", "", LocationKind.STORE.name(), "", false);
        }
    }

    private final Inventory inventory;
    private final Catalog catalog;
    private final Delivery delivery;
    private final MessageSource messages;

    StockPages(Inventory inventory, Catalog catalog, Delivery delivery, MessageSource messages) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.delivery = delivery;
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
        List<String> skus = rows.items().stream().map(StockRow::sku).toList();
        Map<String, SellableVariant> products = catalog.sellable(skus);
        Map<String, StockByLocation> levels = inventory.byLocation(skus);
        model.addAttribute("lines", rows.items().stream().map(row -> {
            SellableVariant product = products.get(row.sku());
            return new Line(row, levels.get(row.sku()), product == null ? null : product.title().in(locale),
                    product == null ? null : product.productSlug());
        }).toList());
        model.addAttribute("locations", inventory.locations());
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
            model.addAttribute("form", AdjustmentForm.empty(inventory.defaultLocation().code()));
        }
        return itemPage(sku, Math.max(page, 0), model, locale);
    }

    @PostMapping("/admin/stock/{sku}/adjustments")
    String adjust(@PathVariable String sku, @RequestParam(defaultValue = "delta") String mode,
            @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String location, Model model, RedirectAttributes redirect, Locale locale) {
        find(sku);
        String at = location.isBlank() ? inventory.defaultLocation().code() : location.strip();
        AdjustmentForm form = new AdjustmentForm("count".equals(mode) ? "count" : "delta", value, reason, at);
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
        if (inventory.location(at).isEmpty()) {
            problems.add(messages.getMessage("admin.stock.problem.location", null, locale));
        }
        if (number != null && problems.isEmpty()) {
            int atMost = catalog.kindOfSku(sku).map(ProductQuery.Kind::maxUnits).orElse(Integer.MAX_VALUE);
            try {
                if (form.mode().equals("count")) {
                    inventory.setOnHandAt(sku, at, number, reason, atMost);
                } else {
                    inventory.adjustAt(sku, at, number, reason, atMost);
                }
                redirect.addFlashAttribute("notice", messages.getMessage("admin.stock.adjusted", null, locale));
                return "redirect:/admin/stock/" + sku;
            } catch (TooManyUnits e) {
                problems.add(messages.getMessage("admin.stock.problem.unique", null, locale));
            } catch (InvalidField | IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return itemPage(sku, 0, model, locale);
    }

    @PostMapping("/admin/stock/{sku}/transfers")
    String transfer(@PathVariable String sku, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String quantity,
            @RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect, Locale locale) {
        find(sku);
        TransferForm form = new TransferForm(from, to, quantity, note);
        List<String> problems = new ArrayList<>();
        Integer units = null;
        try {
            units = Integer.valueOf(quantity.strip());
        } catch (NumberFormatException e) {
            problems.add(messages.getMessage("admin.stock.problem.number", null, locale));
        }
        if (units != null) {
            try {
                Transfer done = inventory.transfer(sku, from, to, units, note);
                redirect.addFlashAttribute("notice", messages.getMessage("admin.stock.transferred",
                        new Object[] { done.quantity(), done.reference() }, locale));
                return "redirect:/admin/stock/" + sku;
            } catch (InvalidField | IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        model.addAttribute("transfer", form);
        model.addAttribute("problems", problems);
        return itemPage(sku, 0, model, locale);
    }

    @GetMapping("/admin/locations")
    String locations(Model model) {
        if (!model.containsAttribute("location")) {
            model.addAttribute("location", LocationForm.empty());
        }
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", List.of());
        }
        model.addAttribute("locations", inventory.locations());
        model.addAttribute("kinds", LocationKind.values());
        model.addAttribute("stores", delivery.stores());
        return "backoffice/locations";
    }

    @PostMapping("/admin/locations")
    String createLocation(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String storeId,
            @RequestParam(defaultValue = "false") boolean sellableOnline, Model model, RedirectAttributes redirect,
            Locale locale) {
        LocationForm form = new LocationForm(code, name, kind, storeId, sellableOnline);
        List<String> problems = new ArrayList<>();
        LocationKind chosen = null;
        try {
            chosen = LocationKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            problems.add(messages.getMessage("admin.locations.problem.kind", null, locale));
        }
        String store = storeId.isBlank() ? null : storeId.strip();
        if (store != null && delivery.stores().stream().noneMatch(known -> known.id().equals(store))) {
            problems.add(messages.getMessage("admin.locations.problem.store", null, locale));
        }
        if (problems.isEmpty()) {
            try {
                Location opened = inventory.createLocation(new NewLocation(code, name, chosen, store, sellableOnline, null));
                redirect.addFlashAttribute("notice", messages.getMessage("admin.locations.created",
                        new Object[] { opened.name() }, locale));
                return "redirect:/admin/locations";
            } catch (InvalidField e) {
                problems.add(messages.getMessage("admin.locations.problem." + e.field(), null, e.getMessage(), locale));
            }
        }
        model.addAttribute("location", form);
        model.addAttribute("problems", problems);
        return locations(model);
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
            model.addAttribute("form", AdjustmentForm.empty(inventory.defaultLocation().code()));
            model.addAttribute("thresholdTyped", threshold);
            model.addAttribute("problems", List.of(messages.getMessage("admin.stock.problem.threshold", null, locale)));
            return itemPage(sku, 0, model, locale);
        }
    }

    private String itemPage(String sku, int page, Model model, Locale locale) {
        StockRow stock = find(sku);
        SellableVariant product = catalog.sellable(List.of(sku)).get(sku);
        Page<Movement> ledger = inventory.movements(sku, page, PAGE_SIZE);
        model.addAttribute("line", new Line(stock, inventory.byLocation(sku).orElse(null),
                product == null ? null : product.title().in(locale), product == null ? null : product.productSlug()));
        model.addAttribute("locations", inventory.locations());
        if (!model.containsAttribute("transfer")) {
            model.addAttribute("transfer", TransferForm.empty());
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AdjustmentForm.empty(inventory.defaultLocation().code()));
        }
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
