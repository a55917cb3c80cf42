package io.boucle.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ProductImportsIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ProductImports imports;

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
