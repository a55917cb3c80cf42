package io.boucle.api;

import java.time.Instant;
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
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock for integrators (staff API token, owner or manager): levels, the ledger of each SKU, counts,
 * adjustments with their reason and low-stock thresholds. Every change is written in the ledger;
 * bad input changes nothing.
 */
@RestController
@RequestMapping("/api/v1/admin/inventory")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class AdminInventoryApi {

    static final int MAX_SIZE = 100;
    static final int MAX_UNITS = 1_000_000;

    /** How many products whose title matches {@code q} lend their SKUs to the list. */
    static final int TITLE_MATCHES = 200;

    /** @param title the product's (and variant's) title; null when the catalog does not know the SKU */
    record StockJson(String sku, String title, String productSlug, int onHand, int reserved, int available,
                     int lowStockThreshold, boolean low, boolean soldOut) {

        static StockJson of(StockRow row, SellableVariant product, Locale locale) {
            return new StockJson(row.sku(), product == null ? null : product.title().in(locale),
                    product == null ? null : product.productSlug(), row.onHand(), row.reserved(), row.available(),
                    row.lowStockThreshold(), row.low(), row.available() <= 0);
        }
    }

    /** @param reason COUNT, ADJUSTMENT, SOLD or RETURNED; {@code note} is what the staff wrote */
    record MovementJson(String sku, int delta, int onHand, String reason, String reference, String note, Instant at) {

        static MovementJson of(Movement movement) {
            return new MovementJson(movement.sku(), movement.delta(), movement.onHand(), movement.reason(),
                    movement.reference(), movement.note(), movement.at());
        }
    }

    /**
     * A count, a threshold, or both (at least one).
     *
     * @param onHand what was counted: the new quantity on hand
     * @param reason written in the ledger with the count
     */
    record SetStock(@Min(0) @Max(MAX_UNITS) Integer onHand, @Min(0) @Max(MAX_UNITS) Integer lowStockThreshold,
                    @Size(max = Inventory.MAX_NOTE) String reason) {
    }

    /** @param delta units in (positive) or out (negative) */
    record Adjustment(@NotNull @Min(-MAX_UNITS) @Max(MAX_UNITS) Integer delta,
                      @NotBlank @Size(max = Inventory.MAX_NOTE) String reason) {
    }

    record Adjusted(StockJson stock, MovementJson movement) {
    }

    private final Inventory inventory;
    private final Catalog catalog;

    AdminInventoryApi(Inventory inventory, Catalog catalog) {
        this.inventory = inventory;
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "Stock levels, the lowest availability first: filter all, low (at or under the threshold) or "
            + "sold-out; q is part of a SKU or of a product's title")
    Page<StockJson> list(@RequestParam(defaultValue = "all") String filter, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Locale locale) {
        StockFilter chosen = switch (filter.strip().toLowerCase(Locale.ROOT)) {
            case "all" -> StockFilter.ALL;
            case "low" -> StockFilter.LOW;
            case "sold-out", "sold_out" -> StockFilter.SOLD_OUT;
            default -> throw new InvalidField("filter", "one of all, low, sold-out");
        };
        if (page < 0) {
            throw new InvalidField("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", "between 1 and " + MAX_SIZE);
        }
        String text = q == null ? "" : q.strip();
        if (text.length() > 200) {
            throw new InvalidField("q", "at most 200 characters");
        }
        Set<String> titleMatches = new LinkedHashSet<>();
        if (!text.isEmpty()) {
            catalog.staffList(text, 0, TITLE_MATCHES).items().forEach(product -> titleMatches.addAll(product.skus()));
        }
        Page<StockRow> rows = inventory.list(text, titleMatches, chosen, page, size);
        Map<String, SellableVariant> products = catalog.sellable(rows.items().stream().map(StockRow::sku).toList());
        return new Page<>(rows.items().stream().map(row -> StockJson.of(row, products.get(row.sku()), locale)).toList(),
                rows.page(), rows.size(), rows.total());
    }

    @GetMapping("/{sku}")
    @Operation(summary = "The stock of one SKU")
    StockJson get(@PathVariable String sku, Locale locale) {
        return describe(stock(sku), locale);
    }

    @GetMapping("/{sku}/movements")
    @Operation(summary = "The ledger of a SKU, newest first: every count, adjustment, sale and return with its reason")
    Page<MovementJson> movements(@PathVariable String sku, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        stock(sku);
        if (page < 0) {
            throw new InvalidField("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", "between 1 and " + MAX_SIZE);
        }
        Page<Movement> lines = inventory.movements(sku, page, size);
        return new Page<>(lines.items().stream().map(MovementJson::of).toList(), lines.page(), lines.size(), lines.total());
    }

    @PutMapping("/{sku}")
    @Transactional
    @Operation(summary = "Set the stock on hand of a SKU after a count (with an optional reason for the ledger), "
            + "its low-stock threshold, or both")
    StockJson setStock(@PathVariable String sku, @Valid @RequestBody SetStock request, Locale locale) {
        ProductQuery.Kind kind = kindOf(sku);
        if (request.onHand() == null && request.lowStockThreshold() == null) {
            throw new InvalidField("onHand", "required (or lowStockThreshold)");
        }
        if (request.onHand() != null) {
            if (kind == ProductQuery.Kind.SECOND_HAND && request.onHand() > 1) {
                throw new InvalidField("onHand", "a second-hand item is unique, its stock is 0 or 1");
            }
            inventory.setOnHand(sku, request.onHand(), request.reason());
        }
        if (request.lowStockThreshold() != null) {
            stock(sku);
            inventory.setLowStockThreshold(sku, request.lowStockThreshold());
        }
        return describe(stock(sku), locale);
    }

    @PostMapping("/{sku}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Add (positive delta) or remove (negative) units, with the reason written in the ledger; "
            + "no more can be removed than is available")
    Adjusted adjust(@PathVariable String sku, @Valid @RequestBody Adjustment request, Locale locale) {
        ProductQuery.Kind kind = kindOf(sku);
        StockRow before = stock(sku);
        if (kind == ProductQuery.Kind.SECOND_HAND && before.onHand() + request.delta() > 1) {
            throw new InvalidField("delta", "a second-hand item is unique, its stock is 0 or 1");
        }
        inventory.adjust(sku, request.delta(), request.reason());
        return new Adjusted(describe(stock(sku), locale), MovementJson.of(inventory.movements(sku, 1).getFirst()));
    }

    private ProductQuery.Kind kindOf(String sku) {
        return catalog.kindOfSku(sku).orElseThrow(() -> new NotFound("No variant has the SKU '" + sku + "'."));
    }

    private StockRow stock(String sku) {
        return inventory.stock(sku).orElseThrow(() -> new NotFound("No stock is kept for the SKU '" + sku + "'."));
    }

    private StockJson describe(StockRow row, Locale locale) {
        return StockJson.of(row, catalog.sellable(List.of(row.sku())).get(row.sku()), locale);
    }
}
