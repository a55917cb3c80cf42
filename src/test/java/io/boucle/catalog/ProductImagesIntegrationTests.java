package io.boucle.catalog;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.UUID;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ProductImagesIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ProductImages images;

    @Autowired
    JdbcClient jdbc;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPhotoIsStoredInEachWidthKeepingItsProportions() {
        String slug = product("vase");
        ProductImages.Image image = images.add(slug, TestImages.png(2000, 1000), "Vase bleu sur une table", "Blue vase on a table");

        assertThat(image.sizes()).extracting(ProductImages.Size::width).containsExactly(160, 480, 1200);
        assertThat(image.sizes()).extracting(ProductImages.Size::height).containsExactly(80, 240, 600);
        assertThat(image.sizes().getFirst().url()).isEqualTo("/media/img/" + image.hash() + "-160.png").matches("/media/img/[0-9a-f]{64}-160\\.png");
        for (ProductImages.Size size : image.sizes()) {
            ProductImages.Rendition rendition = images.rendition(image.hash(), size.width()).orElseThrow();
            assertThat(rendition.contentType()).isEqualTo("image/png");
            BufferedImage decoded = TestImages.decode(rendition.bytes());
            assertThat(decoded.getWidth()).isEqualTo(size.width());
            assertThat(decoded.getHeight()).isEqualTo(size.height());
        }
        assertThat(image.srcset()).contains("-160.png 160w").contains("-480.png 480w").contains("-1200.png 1200w");
        assertThat(image.standard().width()).isEqualTo(480);
        assertThat(images.of(slug)).singleElement().satisfies(stored -> {
            assertThat(stored.alt()).isEqualTo(LocalizedText.of("Vase bleu sur une table", "Blue vase on a table"));
            assertThat(stored.sizes()).isEqualTo(image.sizes());
        });
    }

    @Test
    void aSmallPhotoIsNeverEnlargedAndAJpegStaysAJpeg() {
        String slug = product("bol");
        ProductImages.Image image = images.add(slug, TestImages.jpeg(300, 200), "Bol", "Bowl");
        assertThat(image.sizes()).extracting(ProductImages.Size::width).containsExactly(160, 300);
        assertThat(image.largest().url()).endsWith("-300.jpg");
        ProductImages.Rendition largest = images.rendition(image.hash(), 300).orElseThrow();
        assertThat(largest.contentType()).isEqualTo("image/jpeg");
        assertThat(TestImages.decode(largest.bytes()).getHeight()).isEqualTo(200);
    }

    @Test
    void aWebpPhotoIsReadAndItsSizesMadeInJpeg() {
        // photo-640x400.webp: lossy (VP8), a gradient from dark blue-grey at the top left to light at the bottom right
        String slug = product("webp");
        ProductImages.Image image = images.add(slug, TestImages.webpFixture("photo-640x400.webp"), "Dégradé", "Gradient");

        assertThat(image.sizes()).extracting(ProductImages.Size::width).containsExactly(160, 480, 640);
        assertThat(image.sizes()).extracting(ProductImages.Size::height).containsExactly(100, 300, 400);
        assertThat(image.largest().url()).endsWith("-640.jpg");
        for (ProductImages.Size size : image.sizes()) {
            ProductImages.Rendition rendition = images.rendition(image.hash(), size.width()).orElseThrow();
            assertThat(rendition.contentType()).isEqualTo("image/jpeg");
            assertThat(TestImages.decode(rendition.bytes()).getHeight()).isEqualTo(size.height());
        }
        BufferedImage largest = TestImages.decode(images.rendition(image.hash(), 640).orElseThrow().bytes());
        java.awt.Color topLeft = new java.awt.Color(largest.getRGB(5, 5));
        java.awt.Color bottomRight = new java.awt.Color(largest.getRGB(634, 394));
        assertThat(topLeft.getRed()).isLessThan(40);
        assertThat(bottomRight.getRed()).isGreaterThan(215);
        assertThat(bottomRight.getGreen()).isGreaterThan(215);
    }

    @Test
    void aTransparentWebpPhotoKeepsItsTransparencyInPng() {
        // transparent-200x120.webp: lossless (VP8L), red on the left half, transparent on the right half
        String slug = product("webp-alpha");
        ProductImages.Image image = images.add(slug, TestImages.webpFixture("transparent-200x120.webp"), "Rouge", "Red");

        assertThat(image.sizes()).extracting(ProductImages.Size::width).containsExactly(160, 200);
        ProductImages.Rendition full = images.rendition(image.hash(), 200).orElseThrow();
        assertThat(full.contentType()).isEqualTo("image/png");
        BufferedImage decoded = TestImages.decode(full.bytes());
        assertThat(decoded.getHeight()).isEqualTo(120);
        assertThat(new java.awt.Color(decoded.getRGB(20, 60), true)).isEqualTo(new java.awt.Color(200, 30, 30, 255));
        assertThat(decoded.getRGB(180, 60) >>> 24).as("alpha").isZero();
    }

    @Test
    void filesThatAreNotAcceptablePhotosAreRefusedAndNothingIsStored() {
        String slug = product("refus");
        long stored = jdbc.sql("SELECT count(*) FROM catalog.image").query(Long.class).single();

        assertRejected(slug, "<html>not an image</html>".getBytes(), "file", "not a JPEG, PNG or WebP");
        assertRejected(slug, TestImages.webp(), "file", "damaged");
        byte[] oversize = new byte[(int) ProductImages.MAX_BYTES + 1];
        System.arraycopy(TestImages.png(10, 10), 0, oversize, 0, 8);
        assertRejected(slug, oversize, "file", "at most 10 MB");
        assertRejected(slug, TestImages.pngClaiming(30_000, 30_000), "file", "30000 × 30000 pixels");
        assertRejected(slug, TestImages.pngClaiming(100, 100), "file", "damaged");
        assertThatThrownBy(() -> images.add(slug, TestImages.png(50, 50), " ", "Bowl"))
                .isInstanceOfSatisfying(ProductImages.Rejected.class, e -> assertThat(e.field()).isEqualTo("altFr"));
        assertThatThrownBy(() -> images.add(slug, TestImages.png(50, 50), "Bol", ""))
                .isInstanceOfSatisfying(ProductImages.Rejected.class, e -> assertThat(e.field()).isEqualTo("altEn"));

        assertThat(images.of(slug)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.image").query(Long.class).single()).isEqualTo(stored);
    }

    @Test
    void photosAreOrderedDescribedAndRemoved() {
        String slug = product("ordre");
        ProductImages.Image first = images.add(slug, TestImages.png(200, 200), "Face", "Front");
        ProductImages.Image second = images.add(slug, TestImages.jpeg(200, 100), "Dos", "Back");
        assertThat(ids(slug)).containsExactly(first.id(), second.id());

        images.move(slug, second.id(), -1);
        assertThat(ids(slug)).containsExactly(second.id(), first.id());
        assertThat(images.firstOf(List.of(slug, "no-such-product-" + id))).containsOnlyKeys(slug)
                .extractingByKey(slug).extracting(ProductImages.Image::id).isEqualTo(second.id());

        images.changeAlt(slug, first.id(), "Vue de face", "Front view");
        assertThat(images.of(slug).get(1).alt()).isEqualTo(LocalizedText.of("Vue de face", "Front view"));

        images.remove(slug, second.id());
        assertThat(ids(slug)).containsExactly(first.id());
        assertThatThrownBy(() -> images.remove(product("autre"), first.id())).as("another product's photo")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameFileOnTwoProductsIsStoredOnce() {
        byte[] file = TestImages.png(1600, 800);
        ProductImages.Image one = images.add(product("un"), file, "Un", "One");
        ProductImages.Image two = images.add(product("deux"), file, "Deux", "Two");
        assertThat(two.hash()).isEqualTo(one.hash());
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.image_rendition WHERE hash = :hash").param("hash", one.hash())
                .query(Long.class).single()).isEqualTo(3);
    }

    private List<UUID> ids(String slug) {
        return images.of(slug).stream().map(ProductImages.Image::id).toList();
    }

    private void assertRejected(String slug, byte[] file, String field, String message) {
        assertThatThrownBy(() -> images.add(slug, file, "Photo", "Photo"))
                .isInstanceOfSatisfying(ProductImages.Rejected.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private String product(String name) {
        String category = "photos-" + name + "-" + id;
        catalog.addCategory(category, null, 50, LocalizedText.of("Photos", "Photos"), LocalizedText.of("", ""));
        String slug = "photo-" + name + "-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Photo " + name, "Photo " + name),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant("PHOTO-" + name + "-" + id, null,
                        Money.euros("12.00"), 100, null)), List.of(), null, false, true));
        return slug;
    }
}
