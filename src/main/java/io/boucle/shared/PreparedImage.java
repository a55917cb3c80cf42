package io.boucle.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * An image (a logo) compressed for PDF once, then placed in any number of documents as it is.
 * <p>
 * {@code PDImageXObject.createFromByteArray} decodes a PNG and compresses its pixels again for every document
 * (and its transparency as a second image), about a sixth of an invoice's CPU. This keeps what it wrote, the
 * streams' bytes as stored and their dictionaries, and writes them into each new document. It holds no PDFBox
 * object that documents share, so documents can be made on several threads at once.
 */
public final class PreparedImage {

    private final Stream image;

    private PreparedImage(Stream image) {
        this.image = image;
    }

    /** The image of a PNG, JPEG, GIF, BMP or TIFF file, compressed as PDFBox would for a document. */
    public static PreparedImage of(byte[] file, String name) {
        try (PDDocument scratch = new PDDocument()) {
            return new PreparedImage(Stream.of(PDImageXObject.createFromByteArray(scratch, file, name).getCOSObject()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + name, e);
        }
    }

    /** The image as an object of the document, to draw on its pages. */
    public PDImageXObject in(PDDocument document) {
        try {
            return new PDImageXObject(new PDStream(image.in(document)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream's dictionary entries (COS leaves, lists, maps and nested streams) and its bytes as stored. */
    private record Stream(Map<COSName, Object> entries, byte[] stored) {

        static Stream of(COSStream stream) throws IOException {
            try (InputStream in = stream.createRawInputStream()) {
                return new Stream(entries(stream), in.readAllBytes());
            }
        }

        COSStream in(PDDocument document) throws IOException {
            COSStream copy = document.getDocument().createCOSStream();
            fill(copy, entries, document);
            try (OutputStream out = copy.createRawOutputStream()) {
                out.write(stored);
            }
            return copy;
        }

        private static Map<COSName, Object> entries(COSDictionary dictionary) throws IOException {
            Map<COSName, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                if (!COSName.LENGTH.equals(entry.getKey())) {
                    entries.put(entry.getKey(), kept(entry.getValue()));
                }
            }
            return entries;
        }

        private static Object kept(COSBase value) throws IOException {
            COSBase direct = value instanceof COSObject reference ? reference.getObject() : value;
            return switch (direct) {
                case COSStream stream -> Stream.of(stream);
                case COSDictionary dictionary -> entries(dictionary);
                case COSArray array -> {
                    List<Object> items = new ArrayList<>();
                    for (COSBase item : array) {
                        items.add(kept(item));
                    }
                    yield items;
                }
                case COSString string -> string.getBytes().clone();
                // Names, numbers, booleans and null are immutable in PDFBox: shared as they are.
                default -> direct;
            };
        }

        private static void fill(COSDictionary target, Map<COSName, Object> entries, PDDocument document) throws IOException {
            for (Map.Entry<COSName, Object> entry : entries.entrySet()) {
                target.setItem(entry.getKey(), made(entry.getValue(), document));
            }
        }

        @SuppressWarnings("unchecked")
        private static COSBase made(Object kept, PDDocument document) throws IOException {
            return switch (kept) {
                case Stream stream -> stream.in(document);
                case Map<?, ?> map -> {
                    COSDictionary dictionary = new COSDictionary();
                    fill(dictionary, (Map<COSName, Object>) map, document);
                    yield dictionary;
                }
                case List<?> items -> {
                    COSArray array = new COSArray();
                    for (Object item : items) {
                        array.add(made(item, document));
                    }
                    yield array;
                }
                case byte[] bytes -> new COSString(bytes);
                default -> (COSBase) kept;
            };
        }
    }
}
