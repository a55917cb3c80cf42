package io.boucle.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.boucle.inventory.Inventory;
import io.boucle.inventory.Movement;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ProductImportsIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ProductImports imports;

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    java.time.Clock clock;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void badRowsAreReportedAndTheOthersImported() {
        String category = category();
        String csv = "\uFEFFslug;sku;status;title_fr;title_en;category;price;weight_grams;barcode;option_fr;attributes_fr;attributes_en;condition;purchase_price;seller_type;copy_of\n"
                + "lampe-" + id + ";LA-S-" + id + ";PUBLISHED;Lampe;Lamp;" + category + ";39,90;800;3760306181014;Petite;Matière=Laiton;Material=Brass;;;;\n"
                + "lampe-" + id + ";LA-L-" + id + ";PUBLISHED;Lampe;Lamp;" + category + ";49.90;1200;;Grande;Matière=Laiton;Material=Brass;;;;\n"
                + "tapis-" + id + ";TA-" + id + ";DRAFT;Tapis;Rug;" + category + ";-10.00;;;;;;;;;\n"
                + "vase-" + id + ";VA-" + id + ";DRAFT;Vase;Vase;no-such-category-" + id + ";20.00;;3760306181015;;;;;;;\n"
                + "bol-" + id + ";BO-" + id + ";DRAFT;Bol\n"
                + "lampe-occasion-" + id + ";LA-OCC-" + id + ";PUBLISHED;Lampe d'occasion;Used lamp;" + category
                + ";25.00;800;;;;;GOOD;8.00;PRIVATE;lampe-" + id + "\n";

        ProductImports.Status status = importAndWait(csv);

        assertThat(status.state()).isEqualTo("DONE");
        assertThat(status.total()).isEqualTo(6);
        assertThat(status.done()).isEqualTo(6);
        assertThat(status.imported()).isEqualTo(3);
        assertThat(status.failed()).isEqualTo(3);
        assertThat(status.errors()).extracting(e -> e.line() + " " + e.column())
                .containsExactly("4 price", "5 barcode", "5 category", "6 ");
        assertThat(status.errors().get(0).message()).contains("positive amount");
        assertThat(status.errors().get(3).message()).contains("fields where the header has 16");

        ProductDetails lamp = catalog.findBySlug("lampe-" + id, false).orElseThrow();
        assertThat(lamp.variants()).extracting(ProductDetails.Variant::sku).containsExactly("LA-S-" + id, "LA-L-" + id);
        assertThat(lamp.variants().getFirst().price()).isEqualTo(Money.euros("39.90"));
        assertThat(lamp.attributes()).singleElement().extracting(a -> a.value().en()).isEqualTo("Brass");
        ProductDetails used = catalog.findBySlug("lampe-occasion-" + id, false).orElseThrow();
        assertThat(used.condition()).isEqualTo(Condition.GOOD);
        assertThat(used.copyOfSlug()).isEqualTo("lampe-" + id);
        for (String sku : List.of("TA-" + id, "VA-" + id, "BO-" + id)) {
            assertThat(catalog.kindOfSku(sku)).as("nothing written for " + sku).isEmpty();
        }

        // The same file again: the same products, not new ones; a changed price is updated.
        ProductImports.Status again = importAndWait(csv.replace(";49.90;", ";44.90;"));
        assertThat(again.imported()).isEqualTo(3);
        assertThat(catalog.findBySlug("lampe-" + id, true).orElseThrow().variants())
                .extracting(v -> v.sku() + " " + v.price().amount().toPlainString())
                .containsExactly("LA-S-" + id + " 39.90", "LA-L-" + id + " 44.90");
        assertThat(catalog.staffList(id, 0, 50).total()).isEqualTo(2);
    }

    @Test
    void aFileWithOnlySomeColumnsChangesOnlyThoseAndFindsProductsBySku() {
        String category = category();
        catalog.add(new NewProduct("theiere-" + id, category, null, "STANDARD", LocalizedText.of("Théière", "Teapot"),
                LocalizedText.of("En fonte.", "Cast iron."), List.of(new NewProduct.NewVariant("TH-" + id, null,
                        Money.euros("45.00"), 1200, null)), List.of(), null, false, true));

        ProductImports.Status status = importAndWait("sku,price\r\nTH-" + id + ",\"42,00\"\r\n");

        assertThat(status.imported()).isEqualTo(1);
        ProductDetails teapot = catalog.findBySlug("theiere-" + id, false).orElseThrow();
        assertThat(teapot.variants().getFirst().price()).isEqualTo(Money.euros("42.00"));
        assertThat(teapot.variants().getFirst().weightGrams()).isEqualTo(1200);
        assertThat(teapot.description().en()).isEqualTo("Cast iron.");
    }

    @Test
    void whatIsExportedImportsBackTheSame() {
        String category = category();
        catalog.saveBrand(null, "brand-" + id, "Brand " + id);
        catalog.add(new NewProduct("chaise-" + id, category, "brand-" + id, "REDUCED_10",
                LocalizedText.of("Chaise; « paillée »", "Chair, \"rush\""),
                LocalizedText.of("Ligne 1\n\n- **paille**", "Line 1\n\n- *straw*"),
                List.of(new NewProduct.NewVariant("CH-N-" + id, LocalizedText.of("Naturel", "Natural"), Money.euros("89.00"), 3200,
                                "3760306181014"),
                        new NewProduct.NewVariant("CH-B-" + id, LocalizedText.of("Noir", "Black"), Money.euros("99.50"), null, null)),
                List.of(new ProductDetails.Attribute(LocalizedText.of("Matière", "Material"), LocalizedText.of("Paille | seigle", "Rye = straw"))),
                null, true, true, "Chaise paillée", "Une chaise."));
        catalog.add(new NewProduct("chaise-occasion-" + id, category, null, "STANDARD", LocalizedText.of("Chaise d'occasion", ""),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant("CH-OCC-" + id, null, Money.euros("40.00"), 3200, null)),
                List.of(), new NewProduct.SecondHand(Condition.FAIR, LocalizedText.of("Pied réparé", "Mended leg"),
                        Money.euros("12.00"), SellerType.MARGIN_SCHEME_DEALER, "chaise-" + id), false, false));

        StringBuilder export = new StringBuilder();
        imports.export(export);
        assertThat(export.toString()).startsWith("\uFEFFslug;sku;status;");
        List<String> lines = export.toString().lines().toList();
        String mine = lines.getFirst() + "\r\n" + ProductCsv.read(export.toString().getBytes(StandardCharsets.UTF_8)).stream()
                .filter(row -> row.get("slug", "").endsWith(id))
                .map(row -> ProductCsv.line(ProductCsv.COLUMNS.stream().map(c -> row.get(c, "")).toList()))
                .collect(Collectors.joining());
        assertThat(mine.lines().count()).as("one line per variant").isGreaterThanOrEqualTo(4);
        NewProduct chair = catalog.editable("chaise-" + id).orElseThrow();
        NewProduct used = catalog.editable("chaise-occasion-" + id).orElseThrow();

        // Imported back as is: nothing changes.
        ProductImports.Status same = importAndWait(mine);
        assertThat(same.failed()).isZero();
        assertThat(same.imported()).isEqualTo(3);
        assertThat(catalog.editable("chaise-" + id)).contains(chair);
        assertThat(catalog.editable("chaise-occasion-" + id)).contains(used);

        // Imported under other addresses and SKUs: the same products again.
        String copyId = UUID.randomUUID().toString().substring(0, 8);
        catalog.saveBrand(null, "brand-" + copyId, "Brand " + id);
        catalog.createCategory("import-" + copyId, null, LocalizedText.of("Copie", "Copy"), LocalizedText.of("", ""));
        ProductImports.Status copied = importAndWait(mine.replace("chaise-", "copie-").replace("-" + id, "-" + copyId));
        assertThat(copied.failed()).as(copied.errors().toString()).isZero();
        assertThat(catalog.editable("copie-" + copyId).orElseThrow().toString())
                .isEqualTo(chair.toString().replace("chaise-", "copie-").replace("-" + id, "-" + copyId));
        assertThat(catalog.editable("copie-occasion-" + copyId).orElseThrow().toString())
                .isEqualTo(used.toString().replace("chaise-", "copie-").replace("-" + id, "-" + copyId));
    }

    @Test
    void theExportHasEachSkusStockAndAnImportSetsItWithAReasonInTheLedger() {
        String category = category();
        catalog.add(new NewProduct("pot-" + id, category, null, "STANDARD", LocalizedText.of("Pot", "Pot"), LocalizedText.of("", ""),
                List.of(new NewProduct.NewVariant("POT-S-" + id, LocalizedText.of("Petit", "Small"), Money.euros("12.00"), null, null),
                        new NewProduct.NewVariant("POT-L-" + id, LocalizedText.of("Grand", "Large"), Money.euros("18.00"), null, null)),
                List.of(), null, false, true));
        inventory.setOnHand("POT-S-" + id, 5);

        StringBuilder export = new StringBuilder();
        imports.export(export);
        assertThat(export.toString().lines().findFirst().orElseThrow()).endsWith(";copy_of;stock");
        assertThat(export.toString().lines().filter(line -> line.contains(";POT-S-" + id + ";"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(";5"));
        assertThat(export.toString().lines().filter(line -> line.contains(";POT-L-" + id + ";"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(";0"));

        ProductImports.Status status = importAndWait("sku;stock\nPOT-S-" + id + ";8\nPOT-L-" + id + ";3\n");
        assertThat(status.errors()).isEmpty();
        assertThat(inventory.levels(List.of("POT-S-" + id, "POT-L-" + id)).values()).extracting(level -> level.sku() + "=" + level.onHand())
                .containsExactlyInAnyOrder("POT-S-" + id + "=8", "POT-L-" + id + "=3");
        Movement adjustment = inventory.movements("POT-S-" + id, 10).getFirst();
        assertThat(adjustment.delta()).isEqualTo(3);
        assertThat(adjustment.reason()).isEqualTo("ADJUSTMENT");
        assertThat(adjustment.note()).isEqualTo("CSV import products.csv, line 2");
        assertThat(inventory.movements("POT-L-" + id, 10)).singleElement()
                .satisfies(first -> assertThat(first.note()).isEqualTo("CSV import products.csv, line 3"));

        // the same file again, or an empty cell: nothing more in the ledger
        importAndWait("sku;stock\nPOT-S-" + id + ";8\nPOT-L-" + id + ";\n");
        assertThat(inventory.movements("POT-S-" + id, 10)).hasSize(2);
        assertThat(inventory.movements("POT-L-" + id, 10)).hasSize(1);
    }

    @Test
    void aMalformedOrImpossibleStockIsRefusedWithItsLineAndTheRowWritesNothing() {
        String category = category();
        catalog.add(new NewProduct("jarre-" + id, category, null, "STANDARD", LocalizedText.of("Jarre", "Jar"), LocalizedText.of("", ""),
                List.of(new NewProduct.NewVariant("JA-" + id, null, Money.euros("30.00"), null, null)), List.of(), null, false, true));
        inventory.setOnHand("JA-" + id, 6);
        transactions.executeWithoutResult(status -> inventory.reserve("R-" + id, java.util.Map.of("JA-" + id, 4),
                java.time.Instant.now(clock).plus(Duration.ofHours(1))));
        String csv = "sku;price;stock;condition\n"
                + "JA-" + id + ";31.00;-2;\n"
                + "JA-" + id + ";32.00;douze;\n"
                + "JA-" + id + ";33.00;2,5;\n"
                + "JA-" + id + ";34.00;1000001;\n"
                + "JA-" + id + ";35.00;3;\n"
                + "JA-" + id + ";36.00;7;\n";

        ProductImports.Status status = importAndWait(csv);

        assertThat(status.errors()).extracting(e -> e.line() + " " + e.column())
                .containsExactly("2 stock", "3 stock", "4 stock", "5 stock", "6 stock");
        assertThat(status.errors().getFirst().message()).contains("whole number", "-2");
        assertThat(status.errors().get(4).message()).contains("reserved");
        // only the last line went through, its price and its stock together
        assertThat(status.imported()).isEqualTo(1);
        assertThat(catalog.findBySlug("jarre-" + id, true).orElseThrow().variants().getFirst().price()).isEqualTo(Money.euros("36.00"));
        assertThat(inventory.levels(List.of("JA-" + id)).get("JA-" + id).onHand()).isEqualTo(7);
        assertThat(inventory.movements("JA-" + id, 10)).hasSize(2);

        catalog.add(new NewProduct("jarre-occasion-" + id, category, null, "STANDARD", LocalizedText.of("Jarre d'occasion", ""),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant("JA-OCC-" + id, null, Money.euros("20.00"), null, null)),
                List.of(), new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("5.00"), SellerType.PRIVATE, null), false, false));
        ProductImports.Status used = importAndWait("sku;stock\nJA-OCC-" + id + ";2\n");
        assertThat(used.errors()).singleElement().satisfies(e -> assertThat(e.line() + " " + e.column() + " " + e.message())
                .contains("2 stock", "unique"));
        assertThat(inventory.stock("JA-OCC-" + id)).isEmpty();
    }

    private ProductImports.Status importAndWait(String csv) {
        UUID started = imports.start("products.csv", csv.getBytes(StandardCharsets.UTF_8), "test@boucle.test");
        await().atMost(Duration.ofSeconds(30)).until(() -> !imports.status(started).orElseThrow().running());
        return imports.status(started).orElseThrow();
    }

    private String category() {
        String slug = "import-" + id;
        if (catalog.category(slug).isEmpty()) {
            catalog.createCategory(slug, null, LocalizedText.of("Import", "Import"), LocalizedText.of("", ""));
        }
        return slug;
    }
}
