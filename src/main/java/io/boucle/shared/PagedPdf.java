package io.boucle.shared;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * An A4 PDF written top to bottom in the regular {@link DocumentFonts document font}: lines cut or wrapped to
 * the width between the margins, table rows, and a new page whenever the next line would go below the bottom
 * margin. Return slips, pick lists, packing slips and purchase slips are written with it; {@link Font} is also
 * what invoices measure and wrap their text with.
 *
 * <p>Positions and sizes are in PDF points, as floats because PDFBox draws with floats; amounts of money come
 * here already formatted as text.
 */
public final class PagedPdf {

    public static final float WIDTH = PDRectangle.A4.getWidth();
    public static final float HEIGHT = PDRectangle.A4.getHeight();

    /** What a document writes on its pages. */
    @FunctionalInterface
    public interface Body {
        void write(PagedPdf pdf) throws IOException;
    }

    private final PDDocument document;
    private final Font font;
    private final float margin;
    private final float bottom;
    private PDPageContentStream stream;
    private Color color;
    private float y;

    private PagedPdf(PDDocument document, float margin, float bottom) throws IOException {
        this.document = document;
        this.font = new Font(DocumentFonts.regularIn(document));
        this.margin = margin;
        this.bottom = bottom;
        newPage();
    }

    /**
     * The PDF {@code body} writes, on pages with {@code margin} points left, right and at the top, and at
     * least {@code bottom} points free at the foot.
     */
    public static byte[] write(float margin, float bottom, Body body) {
        try (PDDocument document = new PDDocument()) {
            PagedPdf pdf = new PagedPdf(document, margin, bottom);
            body.write(pdf);
            pdf.stream.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The document

    /** The document's properties (title, author...). */
    public PDDocumentInformation information() {
        return document.getDocumentInformation();
    }

    /** Signs the document as produced by Boucle at {@code instant}. */
    public void produced(Instant instant) {
        Calendar created = Calendar.getInstance();
        created.setTimeInMillis(instant.toEpochMilli());
        information().setProducer("Boucle");
        information().setCreationDate(created);
    }

    /** The natural language of the text, as a BCP 47 tag ("fr-FR"). */
    public void language(String tag) {
        document.getDocumentCatalog().setLanguage(tag);
    }

    public int pages() {
        return document.getNumberOfPages();
    }

    // The page

    /** The current baseline: the text last written stands on it. */
    public float y() {
        return y;
    }

    /** The current page's drawing, for what this class does not draw itself. */
    public PDPageContentStream stream() {
        return stream;
    }

    public Font font() {
        return font;
    }

    /** The width between the margins. */
    public float textWidth() {
        return WIDTH - 2 * margin;
    }

    public float margin() {
        return margin;
    }

    /** Goes on writing on a new page, from its top margin. */
    public void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        if (color != null) {
            stream.setNonStrokingColor(color);
        }
        y = HEIGHT - margin;
    }

    /** Starts a new page unless {@code height} points are still free above the bottom margin. */
    public void room(float height) throws IOException {
        if (y - height < bottom) {
            newPage();
        }
    }

    /** Moves down {@code height} points. */
    public void gap(float height) {
        y -= height;
    }

    /** The colour of the text written from now on (black unless set). */
    public void color(Color next) throws IOException {
        color = next;
        stream.setNonStrokingColor(next);
    }

    // Text

    /**
     * A line of text at the left margin, cut with an ellipsis where wider than the page: {@code above} points
     * down from the current baseline (on a new page when they are not free), and the baseline then moves
     * {@code below} points further.
     */
    public void line(String text, float size, float above, float below) throws IOException {
        room(above);
        y -= above;
        text(margin, y, size, text, textWidth());
        y -= below;
    }

    /** Text on as many lines as it takes to stay between the margins, each placed as {@link #line}. */
    public void wrapped(String text, float size, float above, float below) throws IOException {
        for (String part : font.wrap(size, text, textWidth())) {
            line(part, size, above, below);
        }
    }

    /**
     * A table row {@code height} points down: the cells at the left edges of {@code columns}, each cut to end
     * 6 points before the next column (the last one at the right margin); a header row is underlined.
     */
    public void row(float[] columns, float size, float height, boolean header, String... cells) throws IOException {
        room(height + 4);
        y -= height;
        for (int i = 0; i < cells.length && i < columns.length; i++) {
            float right = i + 1 < columns.length ? columns[i + 1] - 6 : WIDTH - margin;
            text(columns[i], y, size, cells[i], right - columns[i]);
        }
        if (header) {
            stream.moveTo(margin, y - 4);
            stream.lineTo(WIDTH - margin, y - 4);
            stream.stroke();
            y -= 4;
        }
    }

    /** Text from {@code x} on the baseline {@code at}, cut with an ellipsis where wider than {@code width}. */
    public void text(float x, float at, float size, String text, float width) throws IOException {
        stream.beginText();
        stream.setFont(font.type(), size);
        stream.newLineAtOffset(x, at);
        stream.showText(font.fit(size, text == null ? "" : text, width));
        stream.endText();
    }

    /** A font embedded in a document, and what it takes to write text with it: which characters it has, widths, lines. */
    public static final class Font {

        private final PDType0Font type;
        private final Map<Integer, Boolean> glyphs = new HashMap<>();

        public Font(PDType0Font type) {
            this.type = type;
        }

        public PDType0Font type() {
            return type;
        }

        /**
         * The text as the font can show it: control characters and line or paragraph separators as spaces, and
         * a character the font has no glyph for as '?'.
         */
        public String printable(String text) {
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(codePoint -> {
                if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) && codePoint != ' ') {
                    shown.append(' ');
                    return;
                }
                boolean has = glyphs.computeIfAbsent(codePoint, cp -> {
                    try {
                        type.encode(new String(Character.toChars(cp)));
                        return true;
                    } catch (IllegalArgumentException | IOException e) {
                        return false;
                    }
                });
                shown.appendCodePoint(has ? codePoint : '?');
            });
            return shown.toString();
        }

        /** How wide the text is, shown at {@code size}. */
        public float width(float size, String text) throws IOException {
            return shownWidth(size, printable(text));
        }

        /**
         * The text as shown, where wider than {@code maxWidth} cut to fit and its last character then replaced by
         * an ellipsis (which may be a little wider than the character it replaces).
         */
        public String fit(float size, String text, float maxWidth) throws IOException {
            String printable = printable(text);
            String shown = printable;
            while (!shown.isEmpty() && shownWidth(size, shown) > maxWidth) {
                shown = shown.substring(0, shown.length() - 1);
            }
            return shown.length() < printable.length() && shown.length() > 1
                    ? shown.substring(0, shown.length() - 1) + "…" : shown;
        }

        private float shownWidth(float size, String printable) throws IOException {
            return type.getStringWidth(printable) / 1000 * size;
        }

        /** Words on lines no wider than {@code maxWidth}, a new line at each line break; a word longer than a line is cut. */
        public List<String> wrap(float size, String text, float maxWidth) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\\R")) {
                StringBuilder line = new StringBuilder();
                for (String word : paragraph.strip().split("\\s+")) {
                    String candidate = line.isEmpty() ? word : line + " " + word;
                    if (width(size, candidate) <= maxWidth) {
                        line.setLength(0);
                        line.append(candidate);
                        continue;
                    }
                    if (!line.isEmpty()) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    while (width(size, word) > maxWidth && word.length() > 1) {
                        int cut = word.length() - 1;
                        while (cut > 1 && width(size, word.substring(0, cut)) > maxWidth) {
                            cut--;
                        }
                        lines.add(word.substring(0, cut));
                        word = word.substring(cut);
                    }
                    line.append(word);
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
