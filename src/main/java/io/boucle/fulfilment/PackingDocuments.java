package io.boucle.fulfilment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.boucle.inventory.Inventory;
import io.boucle.inventory.LocationLevel;
import io.boucle.inventory.StockByLocation;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.DocumentFonts;
import io.boucle.shared.NotFound;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The warehouse's papers, as PDF (PDFBox, as invoices): the pick list of every paid order still to
 * ship, one row per SKU and location with the quantity to take and the orders it goes to, and each
 * order's packing slip.
 */
@Service
public class PackingDocuments {

    private static final float MARGIN = 40;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float BOTTOM = 50;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Fulfilment fulfilment;
    private final Orders orders;
    private final Inventory inventory;
    private final Clock clock;
    private final byte[] font;

    PackingDocuments(Fulfilment fulfilment, Orders orders, Inventory inventory, Clock clock) {
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.inventory = inventory;
        this.clock = clock;
        this.font = DocumentFonts.regular();
    }

    /** One row of the pick list. */
    public record PickRow(String location, String sku, String title, int quantity, List<String> orders) {
    }

    /** What to take where: the units still to ship, by SKU, at the first online location that has them. */
    @Transactional(readOnly = true)
    public List<PickRow> pickRows() {
        Map<String, Integer> quantities = new TreeMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, List<String>> orderNumbers = new LinkedHashMap<>();
        for (OrderFulfilment order : fulfilment.allToShip()) {
            for (OrderFulfilment.Line line : order.lines()) {
                if (line.remaining() > 0) {
                    quantities.merge(line.sku(), line.remaining(), Integer::sum);
                    titles.putIfAbsent(line.sku(), line.title());
                    List<String> numbers = orderNumbers.computeIfAbsent(line.sku(), sku -> new ArrayList<>());
                    if (!numbers.contains(order.number().value())) {
                        numbers.add(order.number().value());
                    }
                }
            }
        }
        Map<String, StockByLocation> stock = inventory.byLocation(quantities.keySet());
        List<PickRow> rows = new ArrayList<>();
        quantities.forEach((sku, quantity) -> {
            String location = stock.containsKey(sku) ? stock.get(sku).levels().stream()
                    .filter(level -> level.location().sellableOnline() && level.onHand() > 0)
                    .map(LocationLevel::location).map(place -> place.name() + " (" + place.code() + ")").findFirst().orElse("—")
                    : "—";
            rows.add(new PickRow(location, sku, titles.get(sku), quantity, List.copyOf(orderNumbers.get(sku))));
        });
        rows.sort(Comparator.comparing(PickRow::location).thenComparing(PickRow::sku));
        return rows;
    }

    public byte[] pickList(Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        List<PickRow> rows = pickRows();
        LocalDate today = fulfilment.today();
        return render((pdf) -> {
            pdf.title((en ? "Pick list — " : "Liste de prélèvement — ") + DATE.format(today));
            pdf.line(en ? rows.size() + " SKU(s) to pick" : rows.size() + " référence(s) à prélever", 10);
            pdf.gap();
            pdf.row(true, en ? "Location" : "Emplacement", "SKU", en ? "Item" : "Article", en ? "Qty" : "Qté", en ? "Orders" : "Commandes");
            for (PickRow row : rows) {
                pdf.row(false, row.location(), row.sku(), row.title(), Integer.toString(row.quantity()), String.join(", ", row.orders()));
            }
        });
    }

    @Transactional
    public byte[] packingSlip(io.boucle.order.OrderNumber number, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        OrderFulfilment order = fulfilment.forOrder(number).orElseThrow(() -> new NotFound("no paid order " + number));
        OrderView view = orders.find(number).orElseThrow(() -> new NotFound("no order " + number));
        return render((pdf) -> {
            pdf.title((en ? "Packing slip — order " : "Bon de livraison — commande ") + number);
            pdf.line((en ? "Ordered on " : "Commandée le ") + DATE.format(view.placedAt().atZone(Fulfilment.SHOP_ZONE))
                    + (en ? " · to deliver by " : " · à livrer au plus tard le ") + DATE.format(order.promisedDate()), 10);
            pdf.gap();
            var to = view.shipping();
            pdf.line(en ? "Ship to:" : "Livrer à :", 11);
            pdf.line(to.name(), 11);
            pdf.line(to.line1(), 11);
            if (to.line2() != null && !to.line2().isBlank()) {
                pdf.line(to.line2(), 11);
            }
            pdf.line(to.postalCode() + " " + to.city() + " " + to.country(), 11);
            if (view.delivery().pickupPoint() != null) {
                pdf.line((en ? "Pickup point: " : "Point de retrait : ") + view.delivery().pickupPoint(), 11);
            }
            pdf.line(view.delivery().label().in(locale), 11);
            pdf.gap();
            pdf.row(true, "SKU", en ? "Item" : "Article", en ? "Ordered" : "Commandé", en ? "Shipped" : "Expédié", en ? "To pack" : "À emballer");
            for (OrderFulfilment.Line line : order.lines()) {
                pdf.row(false, line.sku(), line.title(), Integer.toString(line.quantity()), Integer.toString(line.shipped()),
                        Integer.toString(line.remaining()));
            }
        });
    }

    // Rendering

    private interface Content {
        void write(Writer pdf) throws IOException;
    }

    private byte[] render(Content content) {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setProducer("Boucle");
            java.util.Calendar created = java.util.Calendar.getInstance();
            created.setTimeInMillis(Instant.now(clock).toEpochMilli());
            document.getDocumentInformation().setCreationDate(created);
            Writer writer = new Writer(document, PDType0Font.load(document, new ByteArrayInputStream(font), true));
            content.write(writer);
            writer.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines and table rows top to bottom, starting a new page when one is full. */
    private static final class Writer {

        private static final float[] COLUMNS = { MARGIN, 150, 250, 420, 460 };

        private final PDDocument document;
        private final PDType0Font font;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, PDType0Font font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = HEIGHT - MARGIN;
        }

        private void room(float needed) throws IOException {
            if (y - needed < BOTTOM) {
                newPage();
            }
        }

        void title(String text) throws IOException {
            room(24);
            y -= 18;
            text(MARGIN, y, 16, text, WIDTH - 2 * MARGIN);
            y -= 8;
        }

        void line(String text, float size) throws IOException {
            room(size + 4);
            y -= size + 4;
            text(MARGIN, y, size, text, WIDTH - 2 * MARGIN);
        }

        void gap() {
            y -= 10;
        }

        void row(boolean header, String... cells) throws IOException {
            room(16);
            y -= 14;
            for (int i = 0; i < cells.length && i < COLUMNS.length; i++) {
                float right = i + 1 < COLUMNS.length ? COLUMNS[i + 1] - 6 : WIDTH - MARGIN;
                text(COLUMNS[i], y, header ? 10 : 9, cells[i], right - COLUMNS[i]);
            }
            if (header) {
                stream.moveTo(MARGIN, y - 4);
                stream.lineTo(WIDTH - MARGIN, y - 4);
                stream.stroke();
                y -= 4;
            }
        }

        private void text(float x, float at, float size, String text, float width) throws IOException {
            String shown = fit(printable(text == null ? "" : text), size, width);
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, at);
            stream.showText(shown);
            stream.endText();
        }

        /** Characters the font has; others become '?'. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                int code = text.codePointAt(i);
                i += Character.charCount(code);
                if (Character.isISOControl(code)) {
                    out.append(' ');
                } else {
                    boolean has;
                    try {
                        font.encode(new String(Character.toChars(code)));
                        has = true;
                    } catch (IllegalArgumentException | IOException e) {
                        has = false;
                    }
                    out.appendCodePoint(has ? code : '?');
                }
            }
            return out.toString();
        }

        private String fit(String text, float size, float width) throws IOException {
            String shown = text;
            while (!shown.isEmpty() && font.getStringWidth(shown) / 1000 * size > width) {
                shown = shown.substring(0, shown.length() - 1);
            }
            return shown.length() < text.length() && shown.length() > 1 ? shown.substring(0, shown.length() - 1) + "…" : shown;
        }

        void close() throws IOException {
            stream.close();
        }
    }

}
