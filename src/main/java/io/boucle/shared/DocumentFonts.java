package io.boucle.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The TrueType fonts Boucle's PDF documents (invoices, slips, pick lists) are written with: Source
 * Sans Pro where the classpath has it, else PDFBox's Liberation Sans, read once.
 *
 * <p>The fonts are handed out without their glyph substitution table (GSUB, which holds ligatures
 * such as "fi"). PDFBox applies that table to every string it writes, compiling regular
 * expressions each time: profiled, it was about two thirds of the CPU an invoice's Factur-X costs.
 * Documents of figures and names need no ligatures, and text copied from the PDF reads back as
 * typed without them. The table is set aside by renaming its entry in the font's table directory,
 * so readers skip it and the embedded subset leaves it out.
 */
public final class DocumentFonts {

    private static final byte[] REGULAR = withoutGlyphSubstitution(
            read("/fonts/SourceSansPro-Regular.ttf")
                    .or(() -> read("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf"))
                    .orElseThrow(() -> new IllegalStateException("no font to write documents with")));
    private static final byte[] BOLD = read("/fonts/SourceSansPro-Bold.ttf")
            .map(DocumentFonts::withoutGlyphSubstitution).orElse(REGULAR);

    private DocumentFonts() {
    }

    /** The regular font's file; a copy, as callers hand it to parsers. */
    public static byte[] regular() {
        return REGULAR.clone();
    }

    /** The bold font's file (the regular one where no bold is found). */
    public static byte[] bold() {
        return BOLD.clone();
    }

    /** The regular font in the document, embedded as a subset of the glyphs its text uses. */
    public static PDType0Font regularIn(PDDocument document) throws IOException {
        return in(document, 0, REGULAR);
    }

    /** The bold font in the document, embedded as a subset. */
    public static PDType0Font boldIn(PDDocument document) throws IOException {
        return in(document, 1, BOLD);
    }

    /*
     * Parsing a font file is about a tenth of an invoice's CPU. A platform thread that makes documents one after
     * the other (the invoices' document thread) parses each font once and loads the parsed font into each of its
     * documents, which do not close it. A parsed font is never shared between threads: PDFBox reads its tables
     * lazily. Virtual threads (requests, which make a document now and then) parse their own each time.
     */
    private static final ThreadLocal<TrueTypeFont[]> PARSED = ThreadLocal.withInitial(() -> new TrueTypeFont[2]);

    private static PDType0Font in(PDDocument document, int style, byte[] file) throws IOException {
        if (Thread.currentThread().isVirtual()) {
            return PDType0Font.load(document, new ByteArrayInputStream(file), true);
        }
        TrueTypeFont[] parsed = PARSED.get();
        if (parsed[style] == null) {
            parsed[style] = new TTFParser().parse(new RandomAccessReadBuffer(file));
        }
        return PDType0Font.load(document, parsed[style], true);
    }

    /**
     * A copy of a TrueType or OpenType font file whose GSUB table no longer answers to its name.
     * The table directory follows the 12-byte header: 16 bytes per table, its tag first.
     */
    static byte[] withoutGlyphSubstitution(byte[] font) {
        byte[] copy = font.clone();
        ByteBuffer file = ByteBuffer.wrap(copy);
        if (copy.length < 12) {
            throw new IllegalArgumentException("not a font file: " + copy.length + " bytes");
        }
        int tables = Short.toUnsignedInt(file.getShort(4));
        if (copy.length < 12 + 16 * tables) {
            throw new IllegalArgumentException("not a font file: its table directory is cut short");
        }
        byte[] gsub = "GSUB".getBytes(StandardCharsets.US_ASCII);
        byte[] unused = "xSUB".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < tables; i++) {
            int entry = 12 + 16 * i;
            if (file.getInt(entry) == ByteBuffer.wrap(gsub).getInt()) {
                file.put(entry, unused);
            }
        }
        return copy;
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = DocumentFonts.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
