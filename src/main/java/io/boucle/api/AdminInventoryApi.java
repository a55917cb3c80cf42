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
import io.boucle.fulfilment.Delivery;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.Location;
import io.boucle.inventory.LocationKind;
import io.boucle.inventory.LocationLevel;
import io.boucle.inventory.Movement;
import io.boucle.inventory.NewLocation;
import io.boucle.inventory.StockByLocation;
import io.boucle.inventory.StockFilter;
import io.boucle.inventory.StockRow;
import io.boucle.inventory.Transfer;
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
 * Stock for integrators (staff API token, owner or manager): levels (in total and per location), the
 * ledger of each SKU, counts, adjustments with their reason, transfers between locations and
 * low-stock thresholds; the locations themselves. Counts and adjustments that name no location are
 * the default location's. Every change is written in the ledger; bad input changes nothing.
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

    /**
     * @param title     the product's (and variant's) title; null when the catalog does not know the SKU
     * @param onHand    what the locations sellable online have: what online sales take from
     * @param locations what each location has, every location listed
     */
    record StockJson(String sku, String title, String productSlug, int onHand, int reserved, int available,
                     int lowStockThreshold, boolean low, boolean soldOut, List<LevelJson> locations) {

        static StockJson of(StockRow row, SellableVariant product, StockByLocation levels, Locale locale) {
            return new StockJson(row.sku(), product == null ? null : product.title().in(locale),
                    product == null ? null : product.productSlug(), row.onHand(), row.reserved(), row.available(),
                    row.lowStockThreshold(), row.low(), row.available() <= 0,
                    levels == null ? List.of() : levels.levels().stream().map(LevelJson::of).toList());
        }
    }

    /** What one location has of a SKU. */
    record LevelJson(String location, String name, boolean sellableOnline, int onHand) {

        static LevelJson of(LocationLevel level) {
            return new LevelJson(level.location().code(), level.location().name(), level.location().sellableOnline(),
                    level.onHand());
        }
    }

    /**
     * @param reason         COUNT, ADJUSTMENT, SOLD, RETURNED or TRANSFER; {@code note} is what the staff wrote
     * @param onHand         what could be sold online after it
     * @param location       where it happened; null for a sale not yet taken from a location (it soon is)
     * @param locationOnHand what that location had after it
     */
    record MovementJson(String sku, int delta, int onHand, String reason, String reference, String note, Instant at,
                        String location, Integer locationOnHand) {

        static MovementJson of(Movement movement) {
            return new MovementJson(movement.sku(), movement.delta(), movement.onHand(), movement.reason(),
                    movement.reference(), movement.note(), movement.at(), movement.location(), movement.locationOnHand());
        }
    }

    /**
     * @param storeId        the click-and-collect store whose shelves these are (STORE only); null for none
     * @param sellableOnline whether its units are sold online
     */
    record LocationJson(String code, String name, String kind, String storeId, boolean sellableOnline, int position,
                        boolean isDefault) {

        static LocationJson of(Location location) {
            return new LocationJson(location.code(), location.name(), location.kind().name(), location.storeId(),
                    location.sellableOnline(), location.position(), location.isDefault());
        }
    }

    /**
     * @param kind     WAREHOUSE or STORE
     * @param position where it comes in lists (sales are taken from the online locations in this order); after
     *                 the others when left out
     */
    record NewLocationJson(@NotBlank @Size(max = 32) String code, @NotBlank @Size(max = Inventory.MAX_LOCATION_NAME) String name,
                           @NotBlank String kind, @Size(max = 64) String storeId, @NotNull Boolean sellableOnline,
                           @Min(0) @Max(10_000) Integer position) {
    }

    /** @param onHand what was counted at the location */
    record CountAt(@NotNull @Min(0) @Max(MAX_UNITS) Integer onHand, @Size(max = Inventory.MAX_NOTE) String reason) {
    }

    /** Units moved between two locations of a SKU. */
    record TransferJson(@NotBlank String sku, @NotBlank String from, @NotBlank String to,
                        @NotNull @Min(1) @Max(MAX_UNITS) Integer quantity, @Size(max = Inventory.MAX_NOTE) String note) {
    }

    record Transferred(String reference, String sku, String from, String to, int quantity, StockJson stock) {
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
    private final Delivery delivery;

    AdminInventoryApi(Inventory inventory, Catalog catalog, Delivery delivery) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.delivery = delivery;
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
        List<String> skus = rows.items().stream().map(StockRow::sku).toList();
        Map<String, SellableVariant> products = catalog.sellable(skus);
        Map<String, StockByLocation> levels = inventory.byLocation(skus);
        return new Page<>(rows.items().stream()
                .map(row -> StockJson.of(row, products.get(row.sku()), levels.get(row.sku()), locale)).toList(),
                rows.page(), rows.size(), rows.total());
    }

    @GetMapping("/locations")
    @Operation(summary = "The stock locations (warehouses, shops), in their order")
    List<LocationJson> locations() {
        return inventory.locations().stream().map(LocationJson::of).toList();
    }

    @PostMapping("/locations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a stock location, empty; a shop may be linked to its click-and-collect store (storeId)")
    LocationJson createLocation(@Valid @RequestBody NewLocationJson request) {
        LocationKind kind;
        try {
            kind = LocationKind.valueOf(request.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("kind", "one of WAREHOUSE, STORE");
        }
        String storeId = request.storeId() == null || request.storeId().isBlank() ? null : request.storeId().strip();
        if (storeId != null && delivery.stores().stream().noneMatch(store -> store.id().equals(storeId))) {
            throw new InvalidField("storeId", "no click-and-collect store has the id '" + storeId + "'");
        }
        return LocationJson.of(inventory.createLocation(new NewLocation(request.code(), request.name(), kind, storeId,
                request.sellableOnline(), request.position())));
    }

    @PostMapping("/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Move units of a SKU from one location to another: both ledger lines or neither; between two "
            + "online locations what can be sold online does not change")
    Transferred transfer(@Valid @RequestBody TransferJson request, Locale locale) {
        String sku = request.sku().strip();
        if (catalog.kindOfSku(sku).isEmpty() || inventory.stock(sku).isEmpty()) {
            throw new InvalidField("sku", "no stock is kept for the SKU '" + sku + "'");
        }
        Transfer done = inventory.transfer(sku, request.from().strip(), request.to().strip(), request.quantity(),
                request.note());
        return new Transferred(done.reference(), sku, done.from(), done.to(), done.quantity(), describe(stock(sku), locale));
    }

    @GetMapping("/{sku}")
    @Operation(summary = "The stock of one SKU, in total and at each location")
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
            inventory.setOnHandAt(sku, inventory.defaultLocation().code(), request.onHand(), request.reason(), kind.maxUnits());
        }
        if (request.lowStockThreshold() != null) {
            stock(sku);
            inventory.setLowStockThreshold(sku, request.lowStockThreshold());
        }
        return describe(stock(sku), locale);
    }

    @PutMapping("/{sku}/locations/{code}")
    @Transactional
    @Operation(summary = "Set what a location has of a SKU after a count (with an optional reason for the ledger); "
            + "what can be sold online follows when the location sells online")
    StockJson setStockAt(@PathVariable String sku, @PathVariable String code, @Valid @RequestBody CountAt request,
            Locale locale) {
        ProductQuery.Kind kind = kindOf(sku);
        Location location = location(code);
        inventory.setOnHandAt(sku, location.code(), request.onHand(), request.reason(), kind.maxUnits());
        return describe(stock(sku), locale);
    }

    @PostMapping("/{sku}/locations/{code}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Add (positive delta) or remove (negative) units at a location, with the reason written in "
            + "the ledger")
    Adjusted adjustAt(@PathVariable String sku, @PathVariable String code, @Valid @RequestBody Adjustment request,
            Locale locale) {
        ProductQuery.Kind kind = kindOf(sku);
        Location location = location(code);
        stock(sku);
        inventory.adjustAt(sku, location.code(), request.delta(), request.reason(), kind.maxUnits());
        return new Adjusted(describe(stock(sku), locale), MovementJson.of(inventory.movements(sku, 1).getFirst()));
    }

    @PostMapping("/{sku}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Add (positive delta) or remove (negative) units, with the reason written in the ledger; "
            + "no more can be removed than is available")
    Adjusted adjust(@PathVariable String sku, @Valid @RequestBody Adjustment request, Locale locale) {
        ProductQuery.Kind kind = kindOf(sku);
        stock(sku);
        inventory.adjustAt(sku, inventory.defaultLocation().code(), request.delta(), request.reason(), kind.maxUnits());
        return new Adjusted(describe(stock(sku), locale), MovementJson.of(inventory.movements(sku, 1).getFirst()));
    }

    private ProductQuery.Kind kindOf(String sku) {
        return catalog.kindOfSku(sku).orElseThrow(() -> new NotFound("No variant has the SKU '" + sku + "'."));
    }

    private StockRow stock(String sku) {
        return inventory.stock(sku).orElseThrow(() -> new NotFound("No stock is kept for the SKU '" + sku + "'."));
    }

    private Location location(String code) {
        return inventory.location(code).orElseThrow(() -> new NotFound("No stock location has the code '" + code + "'."));
    }

    private StockJson describe(StockRow row, Locale locale) {
        return StockJson.of(row, catalog.sellable(List.of(row.sku())).get(row.sku()),
                inventory.byLocation(row.sku()).orElse(null), locale);
    }
}
