package io.boucle.returns;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.NotFound;
import io.boucle.shared.PagedPdf;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.springframework.stereotype.Service;

/**
 * The return slip of a return, as PDF (PDFBox with an embedded font, as the warehouse's papers): the
 * return and order numbers, the lines to send back, where to send them (the merchant's return address),
 * who pays the carriage, and a Code 39 barcode of the return number for the warehouse to scan at reception.
 * Whoever may see the order (its buyer, or the staff) may download it; the return emails link to it.
 */
@Service
public class ReturnSlips {

    private static final float MARGIN = 40;
    private static final float BOTTOM = 50;
    private static final float[] COLUMNS = { MARGIN, 250, 500 };
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Code 39: each character as 5 bars and 4 spaces, narrow (1) or wide (2); * starts and stops. */
    private static final Map<Character, String> CODE39 = Map.ofEntries(
            Map.entry('0', "111221211"), Map.entry('1', "211211112"), Map.entry('2', "112211112"),
            Map.entry('3', "212211111"), Map.entry('4', "111221112"), Map.entry('5', "211221111"),
            Map.entry('6', "112221111"), Map.entry('7', "111211212"), Map.entry('8', "211211211"),
            Map.entry('9', "112211211"), Map.entry('A', "211112112"), Map.entry('B', "112112112"),
            Map.entry('C', "212112111"), Map.entry('D', "111122112"), Map.entry('E', "211122111"),
            Map.entry('F', "112122111"), Map.entry('G', "111112212"), Map.entry('H', "211112211"),
            Map.entry('I', "112112211"), Map.entry('J', "111122211"), Map.entry('K', "211111122"),
            Map.entry('L', "112111122"), Map.entry('M', "212111121"), Map.entry('N', "111121122"),
            Map.entry('O', "211121121"), Map.entry('P', "112121121"), Map.entry('Q', "111111222"),
            Map.entry('R', "211111221"), Map.entry('S', "112111221"), Map.entry('T', "111121221"),
            Map.entry('U', "221111112"), Map.entry('V', "122111112"), Map.entry('W', "222111111"),
            Map.entry('X', "121121112"), Map.entry('Y', "221121111"), Map.entry('Z', "122121111"),
            Map.entry('-', "121111212"), Map.entry('*', "121121211"));

    private final Returns returns;
    private final Orders orders;
    private final ReturnMails mails;
    private final Clock clock;

    ReturnSlips(Returns returns, Orders orders, ReturnMails mails, Clock clock) {
        this.returns = returns;
        this.orders = orders;
        this.mails = mails;
        this.clock = clock;
    }

    /** The file name a slip is downloaded as. */
    public static String fileName(CustomerReturn r) {
        return "retour-" + r.number() + ".pdf";
    }

    /**
     * The slip of the return, in {@code locale} (French unless English).
     *
     * @throws NotFound when there is no such return
     */
    public byte[] slip(UUID id, Locale locale) {
        CustomerReturn r = returns.find(id).orElseThrow(() -> new NotFound("no return " + id));
        OrderView order = orders.find(r.order()).orElseThrow(() -> new NotFound("no order " + r.order()));
        boolean en = "en".equals(locale.getLanguage());
        return PagedPdf.write(MARGIN, BOTTOM, pdf -> {
            pdf.produced(Instant.now(clock));
            pdf.information().setTitle((en ? "Return slip " : "Bordereau de retour ") + r.number());
            text(pdf, (en ? "Return slip " : "Bordereau de retour ") + r.number(), 18);
            text(pdf, (en ? "Order " : "Commande ") + order.number() + " · " + (en ? "asked on " : "demandé le ")
                    + DATE.format(r.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE)) + " · "
                    + (r.kind() == ReturnKind.WITHDRAWAL ? (en ? "withdrawal" : "rétractation")
                            : (en ? "defect (legal guarantee)" : "défaut de conformité (garantie légale)")), 11);
            pdf.gap(12);
            text(pdf, en ? "Warehouse code" : "Code entrepôt", 10);
            barcode(pdf, r.number());
            pdf.gap(18);
            text(pdf, en ? "Send to:" : "Renvoyer à :", 12);
            for (String part : mails.returnAddress().split("\\s*[,\\n]\\s*")) {
                if (!part.isBlank()) {
                    text(pdf, part.strip(), 12);
                }
            }
            pdf.gap(8);
            var from = order.shipping();
            text(pdf, (en ? "From: " : "Expéditeur : ") + from.name() + ", " + from.line1() + ", " + from.postalCode() + " "
                    + from.city() + " " + from.country(), 10);
            pdf.gap(12);
            pdf.row(COLUMNS, 10, 15, true, "SKU", en ? "Item" : "Article", en ? "Qty" : "Qté");
            for (ReturnLine line : r.lines()) {
                pdf.row(COLUMNS, 10, 15, false, line.sku(), line.title(), Integer.toString(line.quantity()));
            }
            pdf.gap(14);
            text(pdf, en ? "Put this slip in the parcel, and write the return number on it."
                    : "Glissez ce bordereau dans le colis et inscrivez le numéro de retour dessus.", 10);
            boolean merchantPays = mails.merchantPaysReturn() || r.kind() == ReturnKind.CONFORMITY;
            text(pdf, merchantPays ? (en ? "The shop pays for the return." : "Les frais de retour sont à la charge de la boutique.")
                    : (en ? "The cost of sending the items back is yours." : "Les frais de retour sont à votre charge."), 10);
        });
    }

    private static void text(PagedPdf pdf, String text, float size) throws IOException {
        pdf.line(text, size, size + 5, 0);
    }

    /** The return number as a Code 39 barcode, 50 points high, with the number written under it. */
    private static void barcode(PagedPdf pdf, String value) throws IOException {
        String modules = code39(value, 3);
        float unit = Math.min(1.4f, pdf.textWidth() / modules.length());
        float height = 50;
        pdf.room(height + 20);
        pdf.gap(height + 6);
        PDPageContentStream stream = pdf.stream();
        for (int i = 0; i < modules.length(); ) {
            if (modules.charAt(i) == '1') {
                int start = i;
                while (i < modules.length() && modules.charAt(i) == '1') {
                    i++;
                }
                stream.addRect(MARGIN + 10 + start * unit, pdf.y(), (i - start) * unit, height);
            } else {
                i++;
            }
        }
        stream.fill();
        pdf.gap(14);
        pdf.text(MARGIN + 10, pdf.y(), 12, "*" + value + "*", pdf.textWidth());
    }

    /**
     * The modules of {@code text} in Code 39 with its start and stop characters, '1' for a bar and '0' for a
     * space, one per narrow unit: a wide element is {@code wide} units (2 to 3), characters are separated by
     * one narrow space.
     *
     * @throws IllegalArgumentException on a character Code 39 does not have (only digits, A-Z and '-' here)
     */
    static String code39(String text, int wide) {
        StringBuilder modules = new StringBuilder();
        String framed = "*" + text.toUpperCase(Locale.ROOT) + "*";
        for (int i = 0; i < framed.length(); i++) {
            String pattern = CODE39.get(framed.charAt(i));
            if (pattern == null || (framed.charAt(i) == '*' && i > 0 && i < framed.length() - 1)) {
                throw new IllegalArgumentException("not in Code 39: " + framed.charAt(i));
            }
            for (int element = 0; element < pattern.length(); element++) {
                int units = pattern.charAt(element) == '2' ? wide : 1;
                modules.append((element % 2 == 0 ? "1" : "0").repeat(units));
            }
            if (i < framed.length() - 1) {
                modules.append('0');
            }
        }
        return modules.toString();
    }
}
