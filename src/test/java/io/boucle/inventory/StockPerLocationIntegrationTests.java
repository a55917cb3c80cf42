package io.boucle.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.shared.InvalidField;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class StockPerLocationIntegrationTests {

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @Test
    void theDefaultWarehouseHoldsCountsAndAdjustmentsThatNameNoLocation() {
        String sku = sku("defaut");
        Location warehouse = inventory.defaultLocation();

        inventory.setOnHand(sku, 7, "Premier inventaire");
        inventory.adjust(sku, -2, "Casse");

        assertThat(warehouse.sellableOnline()).isTrue();
        assertThat(inventory.byLocation(sku).orElseThrow().at(warehouse.code())).isEqualTo(5);
        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(5);
        assertThat(inventory.movements(sku, 10)).allSatisfy(movement -> assertThat(movement.location()).isEqualTo(warehouse.code()))
                .extracting(Movement::locationOnHand).containsExactly(5, 7);
        assertConsistent(sku);
    }

    @Test
    void onlineLocationsAddUpToWhatIsSoldOnlineAndOthersDoNot() {
        String sku = sku("somme");
        Location shop = location("online", LocationKind.STORE, true);
        Location back = location("backroom", LocationKind.STORE, false);
        String main = inventory.defaultLocation().code();

        inventory.setOnHand(sku, 4, null);
        assertConsistent(sku);
        StockLevel afterShop = inventory.setOnHandAt(sku, shop.code(), 3, "Inventaire magasin");
        assertConsistent(sku);
        StockLevel afterBack = inventory.adjustAt(sku, back.code(), 6, "Réception");
        assertConsistent(sku);
        inventory.adjustAt(sku, shop.code(), -1, "Casse");
        assertConsistent(sku);
        inventory.restock(sku, 2, "B2026-0001");
        assertConsistent(sku);

        assertThat(afterShop.onHand()).isEqualTo(7);
        assertThat(afterBack.onHand()).as("a location not sold online adds nothing to what is sold online").isEqualTo(7);
        StockByLocation levels = inventory.byLocation(sku).orElseThrow();
        assertThat(levels.at(main)).as("returns go to the default location").isEqualTo(6);
        assertThat(levels.at(shop.code())).isEqualTo(2);
        assertThat(levels.at(back.code())).isEqualTo(6);
        assertThat(levels.online()).isEqualTo(8).isEqualTo(inventory.stock(sku).orElseThrow().onHand());
        assertThat(levels.everywhere()).isEqualTo(14);
        assertThat(inventory.movements(sku, 1).getFirst()).satisfies(movement -> {
            assertThat(movement.reason()).isEqualTo("RETURNED");
            assertThat(movement.location()).isEqualTo(main);
            assertThat(movement.onHand()).isEqualTo(8);
        });
    }

    @Test
    void aTransferMovesUnitsAndChangesTheOnlineStockOnlyWhenItCrossesTheOnlineBoundary() {
        String sku = sku("transfert");
        Location shop = location("vitrine", LocationKind.STORE, true);
        Location depot = location("depot", LocationKind.WAREHOUSE, false);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 10, null);

        Transfer betweenOnline = inventory.transfer(sku, main, shop.code(), 4, "Réassort vitrine");
        assertConsistent(sku);
        Transfer outOfOnline = inventory.transfer(sku, shop.code(), depot.code(), 3, null);
        assertConsistent(sku);
        Transfer backOnline = inventory.transfer(sku, depot.code(), main, 1, null);
        assertConsistent(sku);

        assertThat(betweenOnline.stock().onHand()).as("two online locations: unchanged").isEqualTo(10);
        assertThat(outOfOnline.stock().onHand()).isEqualTo(7);
        assertThat(backOnline.stock().onHand()).isEqualTo(8);
        StockByLocation levels = inventory.byLocation(sku).orElseThrow();
        assertThat(List.of(levels.at(main), levels.at(shop.code()), levels.at(depot.code()))).containsExactly(7, 1, 2);
        List<Movement> lines = jdbc.sql("""
                        SELECT sku, delta, on_hand, reason, reference, note, at, location, location_on_hand
                        FROM inventory.movement WHERE sku = :sku AND reference = :reference ORDER BY id
                        """)
                .param("sku", sku).param("reference", betweenOnline.reference())
                .query((row, n) -> new Movement(row.getString("sku"), row.getInt("delta"), row.getInt("on_hand"),
                        row.getString("reason"), row.getString("reference"), row.getString("note"), null,
                        row.getString("location"), row.getInt("location_on_hand")))
                .list();
        assertThat(lines).extracting(Movement::location, Movement::delta, Movement::locationOnHand, Movement::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(main, -4, 6, "TRANSFER"),
                        org.assertj.core.groups.Tuple.tuple(shop.code(), 4, 4, "TRANSFER"));
        assertThat(lines).allSatisfy(line -> assertThat(line.note()).isEqualTo("Réassort vitrine"));
        assertThat(outOfOnline.reference()).isNotEqualTo(betweenOnline.reference()).startsWith("TR-");
    }

    @Test
    void badChangesAreRefusedAndWriteNothing() {
        String sku = sku("refus");
        Location shop = location("refus", LocationKind.STORE, false);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 3, null);
        inventory.adjustAt(sku, shop.code(), 2, "Réception");
        long movements = movementCount(sku);

        assertThatThrownBy(() -> inventory.transfer(sku, main, shop.code(), 4, null))
                .isInstanceOf(InvalidField.class).hasMessageContaining("only 3");
        assertThatThrownBy(() -> inventory.transfer(sku, main, main, 1, null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> inventory.transfer(sku, main, "nowhere-" + id, 1, null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> inventory.transfer(sku, main, shop.code(), 0, null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> inventory.adjustAt(sku, shop.code(), -3, "Casse"))
                .isInstanceOf(InvalidField.class).hasMessageContaining("only 2");
        assertThatThrownBy(() -> inventory.setOnHandAt(sku, "nowhere-" + id, 1, null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("location"));
        assertThatThrownBy(() -> inventory.setOnHandAt(sku, shop.code(), -1, null))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("onHand"));

        assertThat(movementCount(sku)).isEqualTo(movements);
        StockByLocation levels = inventory.byLocation(sku).orElseThrow();
        assertThat(List.of(levels.at(main), levels.at(shop.code()))).containsExactly(3, 2);
        assertConsistent(sku);
    }

    @Test
    void unitsHeldForAnOrderCannotLeaveTheOnlineStockButMayMoveBetweenOnlineLocations() {
        String sku = sku("tenu");
        Location shop = location("tenu-vitrine", LocationKind.STORE, true);
        Location back = location("tenu-reserve", LocationKind.STORE, false);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 3, null);
        transaction.executeWithoutResult(status -> inventory.reserve("HOLD-" + id, Map.of(sku, 3),
                Instant.now().plus(Duration.ofMinutes(30))));

        inventory.transfer(sku, main, shop.code(), 2, null);
        assertThatThrownBy(() -> inventory.transfer(sku, shop.code(), back.code(), 1, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reserved for orders");
        assertThatThrownBy(() -> inventory.setOnHandAt(sku, main, 0, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reserved for orders");

        assertThat(inventory.stock(sku).orElseThrow()).isEqualTo(new StockRow(sku, 3, 3, 2));
        assertThat(inventory.byLocation(sku).orElseThrow().at(shop.code())).isEqualTo(2);
        assertConsistent(sku);
    }

    @Test
    void salesAreTakenFromTheOnlineLocationsInTheirOrderOnceAllocated() {
        String sku = sku("vendu");
        Location shop = location("vendu-vitrine", LocationKind.STORE, true);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 2, null);
        inventory.setOnHandAt(sku, shop.code(), 3, null);
        String order = "SALE-" + id;
        transaction.executeWithoutResult(status -> inventory.reserve(order, Map.of(sku, 4),
                Instant.now().plus(Duration.ofMinutes(30))));

        inventory.consume(order);

        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(1);
        assertConsistent(sku);
        StockByLocation shown = inventory.byLocation(sku).orElseThrow();
        assertThat(shown.online()).as("shown as if taken already").isEqualTo(1);
        assertThat(List.of(shown.at(main), shown.at(shop.code()))).containsExactly(0, 1);

        inventory.allocateSales(1000);

        assertThat(unallocated(sku)).isZero();
        assertConsistent(sku);
        assertThat(stored(sku, main)).isZero();
        assertThat(stored(sku, shop.code())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT location || ':' || delta FROM inventory.movement WHERE sku = :sku AND reason = 'SOLD' ORDER BY id")
                .param("sku", sku).query(String.class).list())
                .as("the sale split over the two locations, the default one first")
                .containsExactly(main + ":-2", shop.code() + ":-2");
        inventory.allocateSales(1000);
        assertThat(stored(sku, main)).as("a second run changes nothing").isZero();
        assertThat(stored(sku, shop.code())).isEqualTo(1);
        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(1);
    }

    @Test
    void aChangeAtALocationFirstTakesTheSalesNotYetAllocated() {
        String sku = sku("avant");
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 3, null);
        String order = "SALE2-" + id;
        transaction.executeWithoutResult(status -> inventory.reserve(order, Map.of(sku, 2),
                Instant.now().plus(Duration.ofMinutes(30))));
        inventory.consume(order);

        assertThatThrownBy(() -> inventory.adjust(sku, -2, "Casse")).isInstanceOf(InvalidField.class)
                .hasMessageContaining("only 1");
        inventory.setOnHand(sku, 1, "Inventaire");

        assertThat(unallocated(sku)).isZero();
        assertThat(stored(sku, main)).isEqualTo(1);
        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(1);
        assertThat(inventory.movements(sku, 1).getFirst()).as("the count found what the ledger expected: no line of its own")
                .satisfies(sale -> {
                    assertThat(sale.reason()).isEqualTo("SOLD");
                    assertThat(sale.location()).isEqualTo(main);
                    assertThat(sale.locationOnHand()).isEqualTo(1);
                });
        assertConsistent(sku);
    }

    @Test
    void concurrentChangesAtTwoLocationsKeepTheSumExact() throws Exception {
        String sku = sku("concurrence");
        Location shop = location("conc", LocationKind.STORE, true);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 50, null);
        inventory.setOnHandAt(sku, shop.code(), 50, null);
        int rounds = 10;
        CyclicBarrier start = new CyclicBarrier(3);
        List<Callable<Void>> work = new ArrayList<>();
        work.add(() -> {
            start.await();
            for (int i = 0; i < rounds; i++) {
                inventory.adjustAt(sku, main, -1, "Casse");
            }
            return null;
        });
        work.add(() -> {
            start.await();
            for (int i = 0; i < rounds; i++) {
                inventory.adjustAt(sku, shop.code(), 2, "Réception");
            }
            return null;
        });
        work.add(() -> {
            start.await();
            for (int i = 0; i < rounds; i++) {
                inventory.transfer(sku, shop.code(), main, 1, null);
            }
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        StockByLocation levels = inventory.byLocation(sku).orElseThrow();
        assertThat(levels.at(main)).isEqualTo(50 - rounds + rounds);
        assertThat(levels.at(shop.code())).isEqualTo(50 + 2 * rounds - rounds);
        assertThat(inventory.stock(sku).orElseThrow().onHand()).isEqualTo(100 + rounds);
        assertConsistent(sku);
    }

    @Test
    void aStoresOwnShelvesTellWhatCanBeCollectedThere() {
        String sku = sku("retrait");
        String other = sku("retrait-autre");
        String store = "store-" + id;
        Location shop = inventory.createLocation(new NewLocation("shop-" + id, "Boutique " + id, LocationKind.STORE, store,
                false, null));
        inventory.setOnHand(sku, 5, null);
        inventory.setOnHand(other, 5, null);
        inventory.setOnHandAt(sku, shop.code(), 2, null);

        Map<String, Map<String, Integer>> stores = inventory.inStores(List.of(sku, other));

        assertThat(stores.get(store)).containsExactly(Map.entry(sku, 2));
        assertThat(inventory.inStores(List.of(other))).doesNotContainKey(store);
    }

    @Test
    void aLocationNeedsAFreshWellFormedCodeAndAName() {
        Location opened = inventory.createLocation(new NewLocation("new-" + id, "  Dépôt Nord  ", LocationKind.WAREHOUSE, null,
                true, null));

        assertThat(opened.name()).isEqualTo("Dépôt Nord");
        assertThat(inventory.location(opened.code())).contains(opened);
        assertThat(opened.position()).isPositive();
        assertField(() -> new NewLocation("new-" + id, "Autre", LocationKind.WAREHOUSE, null, true, null), "code");
        assertField(() -> new NewLocation("Majuscules", "Autre", LocationKind.WAREHOUSE, null, true, null), "code");
        assertField(() -> new NewLocation("vide-" + id, " ", LocationKind.WAREHOUSE, null, true, null), "name");
        assertField(() -> new NewLocation("sans-type-" + id, "Autre", null, null, true, null), "kind");
        assertField(() -> new NewLocation("entrepot-" + id, "Autre", LocationKind.WAREHOUSE, "paris", true, null), "storeId");
        String store = "dup-" + id;
        inventory.createLocation(new NewLocation("one-" + id, "Un", LocationKind.STORE, store, false, null));
        assertField(() -> new NewLocation("two-" + id, "Deux", LocationKind.STORE, store, false, null), "storeId");
        assertThat(inventory.locations()).extracting(Location::code).doesNotContain("two-" + id, "vide-" + id)
                .containsOnlyOnce("new-" + id);
    }

    private void assertField(java.util.function.Supplier<NewLocation> location, String field) {
        assertThatThrownBy(() -> inventory.createLocation(location.get()))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    /** What the online locations have, less the sales not yet taken from them, is what can be sold online. */
    private void assertConsistent(String sku) {
        int online = jdbc.sql("""
                        SELECT coalesce(sum(l.on_hand), 0) FROM inventory.stock_at_location l
                        JOIN inventory.location c ON c.code = l.location WHERE l.sku = :sku AND c.sellable_online
                        """)
                .param("sku", sku).query(Integer.class).single();
        int onHand = jdbc.sql("SELECT on_hand FROM inventory.stock WHERE sku = :sku").param("sku", sku)
                .query(Integer.class).single();
        assertThat(online - unallocated(sku)).as("online locations less unallocated sales").isEqualTo(onHand);
        assertThat(jdbc.sql("SELECT coalesce(min(on_hand), 0) FROM inventory.stock_at_location WHERE sku = :sku")
                .param("sku", sku).query(Integer.class).single()).isNotNegative();
    }

    private int unallocated(String sku) {
        return jdbc.sql("SELECT coalesce(-sum(delta), 0) FROM inventory.movement WHERE sku = :sku AND location IS NULL")
                .param("sku", sku).query(Integer.class).single();
    }

    private int stored(String sku, String location) {
        return jdbc.sql("SELECT on_hand FROM inventory.stock_at_location WHERE sku = :sku AND location = :location")
                .param("sku", sku).param("location", location).query(Integer.class).optional().orElse(0);
    }

    private long movementCount(String sku) {
        return jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single();
    }

    @Test
    void aUniqueItemFoundAtTwoLocationsAtOnceIsCountedOnce() throws Exception {
        String sku = sku("unique");
        Location shop = location("unique", LocationKind.STORE, true);
        String main = inventory.defaultLocation().code();
        inventory.setOnHand(sku, 0, null);
        CyclicBarrier start = new CyclicBarrier(4);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String at = i % 2 == 0 ? main : shop.code();
            work.add(() -> {
                start.await();
                try {
                    inventory.adjustAt(sku, at, 1, "Retrouvé", 1);
                    return true;
                } catch (TooManyUnits e) {
                    return false;
                }
            });
        }
        List<Boolean> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Boolean> result : pool.invokeAll(work)) {
                done.add(result.get());
            }
        }

        assertThat(done).containsOnlyOnce(true);
        assertThat(inventory.byLocation(sku).orElseThrow().everywhere()).isEqualTo(1);
        String holder = inventory.byLocation(sku).orElseThrow().at(main) == 1 ? main : shop.code();
        String other = holder.equals(main) ? shop.code() : main;
        assertThatThrownBy(() -> inventory.setOnHandAt(sku, other, 1, "Inventaire", 1)).isInstanceOf(TooManyUnits.class)
                .hasMessageContaining("unique");
        assertThat(inventory.setOnHandAt(sku, holder, 1, "Inventaire", 1).onHand()).as("a count that changes nothing passes")
                .isEqualTo(1);
        inventory.adjustAt(sku, holder, -1, "Vendu en boutique", 1);
        assertThat(inventory.byLocation(sku).orElseThrow().everywhere()).as("removing is never limited").isZero();
        assertConsistent(sku);
    }

    private Location location(String name, LocationKind kind, boolean online) {
        return inventory.createLocation(new NewLocation(name + "-" + id, name + " " + id, kind, null, online, null));
    }

    private String sku(String name) {
        return ("LOC-" + id + "-" + name).toUpperCase();
    }
}
