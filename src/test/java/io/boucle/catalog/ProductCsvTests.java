package io.boucle.catalog;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductCsvTests {

    @Test
    void readsSemicolonsWithBomQuotesAndLineNumbers() {
        String csv = "\uFEFFSKU;Title_FR;price;description_fr\r\n"
                + "A-1;Théière;12,50;\"Deux lignes\r\net un \"\"guillemet\"\"; voilà\"\r\n"
                + ";;;\r\n"
                + "A-2;Bol;3.00;x\r\n";
        List<ProductCsv.Row> rows = ProductCsv.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).get("title_fr", null)).isEqualTo("Théière");
        assertThat(rows.get(0).get("price", null)).isEqualTo("12,50");
        assertThat(rows.get(0).get("description_fr", null)).isEqualTo("Deux lignes\r\net un \"guillemet\"; voilà");
        assertThat(rows.get(1).line()).as("after a field over two lines and a blank line").isEqualTo(5);
        assertThat(rows.get(1).get("slug", "kept")).as("a column the file does not have").isEqualTo("kept");
    }

    @Test
    void readsCommasAndWindows1252() {
        byte[] file = "sku,title_fr,price\nB-1,\"Café, moulu\",\"4,20\"\n".getBytes(Charset.forName("windows-1252"));
        ProductCsv.Row row = ProductCsv.read(file).getFirst();
        assertThat(row.get("title_fr", null)).isEqualTo("Café, moulu");
        assertThat(row.get("price", null)).isEqualTo("4,20");
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsMarkedAndAFileWithoutSkuIsRefused() {
        ProductCsv.Row row = ProductCsv.read("sku;price\nC-1;1;2\n".getBytes(StandardCharsets.UTF_8)).getFirst();
        assertThat(row.has("!fields")).isTrue();
        assertThatThrownBy(() -> ProductCsv.read("title;price\nx;1\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProductCsv.Unreadable.class).hasMessageContaining("'sku'");
        assertThatThrownBy(() -> ProductCsv.read(new byte[0])).isInstanceOf(ProductCsv.Unreadable.class);
    }

    @Test
    void writesWhatItReads() {
        List<String> values = List.of("a;b", "say \"hi\"", "two\nlines", " padded", "plain", "");
        String file = "x1;x2;x3;x4;x5;sku\r\n" + ProductCsv.line(values);
        ProductCsv.Row row = ProductCsv.read(file.getBytes(StandardCharsets.UTF_8)).getFirst();
        assertThat(row.values()).containsEntry("sku", "");
        assertThat(ProductCsv.line(values)).isEqualTo("\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\" padded\";plain;\r\n");
        assertThat(ProductImports.pairs("Matière=Fonte|Couleur=Noir \\| blanc|Taille=1\\=2"))
                .extracting(pair -> pair[0] + ":" + pair[1])
                .containsExactly("Matière:Fonte", "Couleur:Noir | blanc", "Taille:1=2");
        assertThat(ProductImports.pairs("sans valeur")).isNull();
    }
}
