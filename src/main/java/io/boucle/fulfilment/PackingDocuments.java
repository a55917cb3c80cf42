package io.boucle.fulfilment;

import java.io.IOException;
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
import io.boucle.shared.NotFound;
import io.boucle.shared.PagedPdf;
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
    private static final float BOTTOM = 50;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Fulfilment fulfilment;
    private final Orders orders;
    private final Inventory inventory;
    private final Clock clock;

    PackingDocuments(Fulfilment fulfilment, Orders orders, Inventory inventory, Clock clock) {
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.inventory = inventory;
        this.clock = clock;
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
        return PagedPdf.write(MARGIN, BOTTOM, pdf -> {
            pdf.produced(Instant.now(clock));
            content.write(new Writer(pdf));
        });
    }

    /** Titles, lines and the table's rows, as the warehouse's papers space them. */
    private record Writer(PagedPdf pdf) {

        private static final float[] COLUMNS = { MARGIN, 150, 250, 420, 460 };

        void title(String text) throws IOException {
            pdf.line(text, 16, 18, 8);
        }

        void line(String text, float size) throws IOException {
            pdf.line(text, size, size + 4, 0);
        }

        void gap() {
            pdf.gap(10);
        }

        void row(boolean header, String... cells) throws IOException {
            pdf.row(COLUMNS, header ? 10 : 9, 14, header, cells);
        }
    }
}
