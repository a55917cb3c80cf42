package io.boucle.catalog;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.boucle.shared.Identifiers;
import io.boucle.shared.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product photos: checked (JPEG, PNG or WebP by their first bytes, at most {@value #MAX_BYTES} bytes and
 * {@value #MAX_SIDE} pixels a side), resized on upload to {@link #WIDTHS} pixels wide (never
 * enlarged), and stored in the catalog schema of PostgreSQL. Each size is served at an address
 * made of the SHA-256 of the uploaded file, so it never changes and may be cached for a year.
 * <p>
 * Other modules attach photos here too (e.g. the items bought back from customers and relisted).
 * The JDK reads no WebP: TwelveMonkeys' reader does (lossy and lossless, with transparency). As the
 * JDK writes no WebP either, a WebP photo's sizes are made in JPEG, or in PNG when it has transparency.
 */
@Service("catalogProductImages")
public class ProductImages {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_SIDE = 10_000;
    /** Beyond this many pixels, decoding would take too much memory (≈ 160 MB at 4 bytes a pixel). */
    public static final long MAX_PIXELS = 40_000_000L;
    public static final List<Integer> WIDTHS = List.of(160, 480, 1200);
    public static final int MAX_ALT = 250;
    static final int MAX_IMAGES = 30;

    /** A size of a photo, and where it is served. */
    public record Size(int width, int height, String url) {
    }

    /** A product's photo: its text alternative and its sizes, the smallest first. */
    public record Image(UUID id, String hash, LocalizedText alt, List<Size> sizes) {

        /** The size to show when the browser does not choose: the one nearest 480 pixels wide. */
        public Size standard() {
            return sizes.stream().filter(s -> s.width() <= 480).reduce((a, b) -> b).orElse(sizes.getFirst());
        }

        public Size largest() {
            return sizes.getLast();
        }

        /** For the {@code srcset} attribute: {@code /media/img/…-160.jpg 160w, …}. */
        public String srcset() {
            return String.join(", ", sizes.stream().map(s -> s.url() + " " + s.width() + "w").toList());
        }
    }

    /** A stored size, ready to send. */
    public record Rendition(byte[] bytes, String contentType) {
    }

    /** Why an upload was refused, in words for the person who sent it. Nothing was stored. */
    public static class Rejected extends IllegalArgumentException {

        private final String field;

        public Rejected(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code file}, {@code altFr} or {@code altEn}. */
        public String field() {
            return field;
        }
    }

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;

    ProductImages(JdbcClient jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Adds a photo after the product's others.
     *
     * @throws Rejected when the file or its text alternative is not acceptable
     * @throws IllegalArgumentException when there is no such product
     */
    @Transactional
    public Image add(String productSlug, byte[] file, String altFr, String altEn) {
        catalog.changed();
        LocalizedText alt = alt(altFr, altEn);
        UUID product = productId(productSlug);
        if (jdbc.sql("SELECT count(*) FROM catalog.product_image WHERE product_id = :product").param("product", product)
                .query(Long.class).single() >= MAX_IMAGES) {
            throw new Rejected("file", "at most " + MAX_IMAGES + " photos per product");
        }
        String hash = store(file);
        UUID id = Identifiers.newUuid(clock);
        jdbc.sql("""
                INSERT INTO catalog.product_image (id, product_id, hash, position, alt_fr, alt_en)
                VALUES (:id, :product, :hash,
                        (SELECT coalesce(max(position) + 1, 0) FROM catalog.product_image WHERE product_id = :product),
                        :altFr, :altEn)
                """)
                .param("id", id).param("product", product).param("hash", hash)
                .param("altFr", alt.fr()).param("altEn", alt.en())
                .update();
        return load(productSlug).stream().filter(image -> image.id().equals(id)).findFirst().orElseThrow();
    }

    /** A product's photos in their order; none when it has none (the shop then draws one). */
    public List<Image> of(String productSlug) {
        return catalog.cachedRead(List.of("images", productSlug), () -> load(productSlug));
    }

    /** The first photo of each product that has one, for lists of products (read in one query, kept per list). */
    public Map<String, Image> firstOf(Collection<String> productSlugs) {
        List<String> slugs = List.copyOf(new java.util.LinkedHashSet<>(productSlugs));
        if (slugs.isEmpty()) {
            return Map.of();
        }
        return catalog.cachedRead(List.of("first images", slugs), () -> {
            Map<String, Image> first = new LinkedHashMap<>();
            for (Map.Entry<String, List<Image>> entry : load(slugs, true).entrySet()) {
                first.put(entry.getKey(), entry.getValue().getFirst());
            }
            return java.util.Collections.unmodifiableMap(first);
        });
    }

    @Transactional
    public void changeAlt(String productSlug, UUID image, String altFr, String altEn) {
        catalog.changed();
        LocalizedText alt = alt(altFr, altEn);
        requireFound(jdbc.sql("""
                UPDATE catalog.product_image SET alt_fr = :altFr, alt_en = :altEn
                WHERE id = :id AND product_id = :product
                """)
                .param("altFr", alt.fr()).param("altEn", alt.en()).param("id", image).param("product", productId(productSlug))
                .update());
    }

    /** Moves a photo one place earlier ({@code -1}) or later ({@code 1}); the first one is the main photo. */
    @Transactional
    public void move(String productSlug, UUID image, int direction) {
        catalog.changed();
        UUID product = productId(productSlug);
        List<UUID> order = new ArrayList<>(jdbc.sql("""
                SELECT id FROM catalog.product_image WHERE product_id = :product ORDER BY position, id FOR UPDATE
                """).param("product", product).query(UUID.class).list());
        int from = order.indexOf(image);
        requireFound(from < 0 ? 0 : 1);
        int to = Math.clamp(from + Integer.signum(direction), 0, order.size() - 1);
        order.add(to, order.remove(from));
        for (int position = 0; position < order.size(); position++) {
            jdbc.sql("UPDATE catalog.product_image SET position = :position WHERE id = :id")
                    .param("position", position).param("id", order.get(position)).update();
        }
    }

    /** Takes a photo off a product; its files stay, at their address, for pages still cached elsewhere. */
    @Transactional
    public void remove(String productSlug, UUID image) {
        catalog.changed();
        requireFound(jdbc.sql("DELETE FROM catalog.product_image WHERE id = :id AND product_id = :product")
                .param("id", image).param("product", productId(productSlug)).update());
    }

    /** A stored size by its address: {@code hash} and {@code width} as in {@link Size#url()}. */
    @Transactional(readOnly = true)
    public Optional<Rendition> rendition(String hash, int width) {
        return jdbc.sql("""
                SELECT r.bytes, i.content_type FROM catalog.image_rendition r JOIN catalog.image i ON i.hash = r.hash
                WHERE r.hash = :hash AND r.width = :width
                """)
                .param("hash", hash).param("width", width)
                .query((row, n) -> new Rendition(row.getBytes("bytes"), row.getString("content_type")))
                .optional();
    }

    // Storing

    /** Checks, resizes and stores a file once (by its hash); returns the hash. */
    private String store(byte[] file) {
        if (file == null || file.length == 0) {
            throw new Rejected("file", "choose a photo to upload");
        }
        if (file.length > MAX_BYTES) {
            throw new Rejected("file", "the file is " + megabytes(file.length) + " MB; at most " + megabytes(MAX_BYTES) + " MB");
        }
        String format = format(file);
        String hash = sha256(file);
        if (jdbc.sql("SELECT count(*) FROM catalog.image WHERE hash = :hash").param("hash", hash).query(Long.class).single() > 0) {
            return hash;
        }
        BufferedImage original = decode(file, format);
        if ("webp".equals(format)) {
            format = original.getColorModel().hasAlpha() ? "png" : "jpeg";
        }
        String contentType = "png".equals(format) ? "image/png" : "image/jpeg";
        jdbc.sql("""
                INSERT INTO catalog.image (hash, content_type, width, height, created_at)
                VALUES (:hash, :type, :width, :height, :now) ON CONFLICT (hash) DO NOTHING
                """)
                .param("hash", hash).param("type", contentType).param("width", original.getWidth())
                .param("height", original.getHeight()).param("now", Timestamp.from(clock.instant()))
                .update();
        for (int width : widthsFor(original.getWidth())) {
            BufferedImage resized = resize(original, width, "png".equals(format));
            jdbc.sql("""
                    INSERT INTO catalog.image_rendition (hash, width, height, bytes) VALUES (:hash, :width, :height, :bytes)
                    ON CONFLICT (hash, width) DO NOTHING
                    """)
                    .param("hash", hash).param("width", resized.getWidth()).param("height", resized.getHeight())
                    .param("bytes", encode(resized, format))
                    .update();
        }
        return hash;
    }

    /** The sizes made of a photo this wide: each of {@link #WIDTHS} below it, and the largest it allows. */
    static List<Integer> widthsFor(int width) {
        TreeSet<Integer> widths = new TreeSet<>();
        WIDTHS.stream().filter(w -> w < width).forEach(widths::add);
        widths.add(Math.min(width, WIDTHS.getLast()));
        return List.copyOf(widths);
    }

    /** "jpeg", "png" or "webp", from the file's first bytes (its name and declared type are not trusted). */
    static String format(byte[] file) {
        if (file.length > 3 && (file[0] & 0xff) == 0xFF && (file[1] & 0xff) == 0xD8 && (file[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
        if (file.length > 8 && java.util.Arrays.equals(file, 0, 8, png, 0, 8)) {
            return "png";
        }
        if (file.length > 12 && new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                && new String(file, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
            return "webp";
        }
        throw new Rejected("file", "not a JPEG, PNG or WebP image");
    }

    /** Reads the dimensions first, and decodes only a picture of a reasonable size. */
    private static BufferedImage decode(byte[] file, String format) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader;
            if (readers.hasNext()) {
                reader = readers.next();
            } else if ("webp".equals(format)) {
                // the reader's registration is found by class path scanning, which a packaged application may miss
                reader = new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi().createReaderInstance();
            } else {
                throw new Rejected("file", "this server cannot read " + format.toUpperCase() + " images");
            }
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                    throw new Rejected("file", "the image is " + width + " × " + height + " pixels; at most " + MAX_SIDE
                            + " a side and " + MAX_PIXELS / 1_000_000 + " million pixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new Rejected("file", "the image cannot be read");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Rejected rejected) {
                throw rejected;
            }
            throw new Rejected("file", "the image is damaged or in a form this server cannot read (e.g. CMYK JPEG)");
        }
    }

    /** Scales down by halves, then to the width asked, so small sizes stay sharp. */
    static BufferedImage resize(BufferedImage source, int width, boolean alpha) {
        int targetHeight = Math.max(1, Math.round((float) source.getHeight() * width / source.getWidth()));
        BufferedImage current = source;
        while (current.getWidth() / 2 >= width * 2) {
            current = draw(current, current.getWidth() / 2, Math.max(1, current.getHeight() / 2), alpha);
        }
        return draw(current, width, targetHeight, alpha);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage next = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = next.createGraphics();
        try {
            if (!alpha) {
                // Transparent parts drawn on white: JPEG has no transparency.
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return next;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if ("png".equals(format)) {
                ImageIO.write(image, "png", bytes);
                return bytes.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Reading

    private List<Image> load(String productSlug) {
        return load(List.of(productSlug), false).getOrDefault(productSlug, List.of());
    }

    /** The photos of these products (only the first of each when {@code firstOnly}), by product. */
    private Map<String, List<Image>> load(List<String> productSlugs, boolean firstOnly) {
        record Row(String slug, UUID id, String hash, LocalizedText alt, Size size) {
        }
        List<Row> rows = jdbc.sql("""
                WITH photo AS (
                    SELECT pi.id, pi.hash, pi.alt_fr, pi.alt_en, pi.position, p.slug,
                           row_number() OVER (PARTITION BY pi.product_id ORDER BY pi.position, pi.id) AS n
                    FROM catalog.product_image pi JOIN catalog.product p ON p.id = pi.product_id
                    WHERE p.slug IN (:slugs))
                SELECT photo.*, i.content_type, r.width, r.height
                FROM photo
                JOIN catalog.image i ON i.hash = photo.hash
                JOIN catalog.image_rendition r ON r.hash = photo.hash
                WHERE photo.n = 1 OR NOT :firstOnly
                ORDER BY photo.slug, photo.position, photo.id, r.width
                """)
                .param("slugs", productSlugs).param("firstOnly", firstOnly)
                .query((row, n) -> new Row(row.getString("slug"), row.getObject("id", UUID.class), row.getString("hash"),
                        LocalizedText.of(row.getString("alt_fr"), row.getString("alt_en")),
                        new Size(row.getInt("width"), row.getInt("height"),
                                url(row.getString("hash"), row.getInt("width"), row.getString("content_type")))))
                .list();
        Map<String, Map<UUID, Image>> bySlug = new LinkedHashMap<>();
        for (Row row : rows) {
            bySlug.computeIfAbsent(row.slug(), slug -> new LinkedHashMap<>())
                    .computeIfAbsent(row.id(), id -> new Image(row.id(), row.hash(), row.alt(), new ArrayList<>()))
                    .sizes().add(row.size());
        }
        Map<String, List<Image>> images = new LinkedHashMap<>();
        bySlug.forEach((slug, photos) -> images.put(slug, photos.values().stream()
                .map(image -> new Image(image.id(), image.hash(), image.alt(), List.copyOf(image.sizes()))).toList()));
        return images;
    }

    /** {@code /media/img/<hash>-<width>.jpg}: never reused for other bytes. */
    public static String url(String hash, int width, String contentType) {
        return "/media/img/" + hash + "-" + width + ("image/png".equals(contentType) ? ".png" : ".jpg");
    }

    private UUID productId(String slug) {
        return jdbc.sql("SELECT id FROM catalog.product WHERE slug = :slug").param("slug", slug).query(UUID.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no product '" + slug + "'"));
    }

    private static LocalizedText alt(String fr, String en) {
        if (fr == null || fr.isBlank()) {
            throw new Rejected("altFr", "describe the photo in French for those who cannot see it");
        }
        if (en == null || en.isBlank()) {
            throw new Rejected("altEn", "describe the photo in English for those who cannot see it");
        }
        if (fr.strip().length() > MAX_ALT || en.strip().length() > MAX_ALT) {
            throw new Rejected(fr.strip().length() > MAX_ALT ? "altFr" : "altEn", "at most " + MAX_ALT + " characters");
        }
        return LocalizedText.of(fr.strip(), en.strip());
    }

    private static void requireFound(int changed) {
        if (changed == 0) {
            throw new IllegalArgumentException("no such photo");
        }
    }

    private static String megabytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024 * 1024), 1,
                java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
