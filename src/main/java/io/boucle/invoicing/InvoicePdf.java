package io.boucle.invoicing;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import io.boucle.shared.DocumentFonts;
import io.boucle.shared.Money;
import io.boucle.shared.PagedPdf;
import io.boucle.shared.Percentage;
import io.boucle.shared.PreparedImage;
import io.boucle.tax.VatCategory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The human-readable side of an invoice or credit note: an A4 PDF in French with English labels, the
 * merchant's logo, every mention the law requires, and the figures exactly as issued. It is the page the
 * Factur-X exporter turns into PDF/A-3: fonts are embedded (subsets of Source Sans Pro, which Mustang
 * ships, or Liberation Sans from PDFBox), no transparency beyond the logo's, text in Unicode.
 *
 * <p>Rendering depends only on the document and the logo given, and dates the PDF with the document's issue
 * instant. One instance renders one document; {@link Resources} is shared.
 */
final class InvoicePdf {

    /** The logo, compressed once (the fonts are {@link DocumentFonts}'). */
    record Resources(Optional<PreparedImage> logo) {

        static Resources load(Optional<byte[]> logo) {
            return new Resources(logo.map(file -> PreparedImage.of(file, "logo")));
        }
    }

    // Page geometry in PDF points (PDFBox draws with floats); amounts are never floats here: they are
    // formatted from the document's BigDecimal figures.
    private static final float MARGIN = 42;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float BOTTOM = 70;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color ACCENT = new Color(0x1f, 0x6f, 0x5c);
    private static final Color RULE = new Color(0xcc, 0xcc, 0xcc);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Columns of the lines table: left edge of each, the description first. */
    private static final float[] COLUMNS = { MARGIN, 330, 370, 440, 490 };
    private static final float RIGHT = WIDTH - MARGIN;

    private final Invoice invoice;
    private final Resources resources;
    private final PDDocument document = new PDDocument();
    private final PDType0Font regular;
    private final PDType0Font bold;
    private final Map<PDType0Font, PagedPdf.Font> fonts = new HashMap<>();
    private PDPageContentStream page;
    private float y;
    private int pages;

    private InvoicePdf(Invoice invoice, Resources resources) throws IOException {
        this.invoice = invoice;
        this.resources = resources;
        this.regular = DocumentFonts.regularIn(document);
        this.bold = DocumentFonts.boldIn(document);
    }

    static byte[] render(Invoice invoice, Resources resources) {
        try {
            InvoicePdf pdf = new InvoicePdf(invoice, resources);
            try {
                return pdf.write();
            } finally {
                pdf.document.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write() throws IOException {
        describe();
        newPage();
        header();
        parties();
        lines();
        breakdownAndTotals();
        notes();
        page.close();
        footers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private void describe() {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title() + " " + invoice.number().value());
        info.setAuthor(invoice.seller().legalName());
        info.setSubject(title() + " " + invoice.number().value() + " — " + invoice.orderReference());
        info.setCreator("Boucle");
        Calendar issued = GregorianCalendar.from(ZonedDateTime.ofInstant(invoice.issuedAt(), InvoiceContent.FRANCE));
        issued.setTimeZone(TimeZone.getTimeZone(InvoiceContent.FRANCE));
        info.setCreationDate(issued);
        info.setModificationDate(issued);
        document.getDocumentCatalog().setLanguage("fr-FR");
    }

    private String title() {
        return invoice.isCreditNote() ? "Avoir" : "Facture";
    }

    // Header: logo and seller on the left, the document's identity on the right

    private void header() throws IOException {
        float top = HEIGHT - MARGIN;
        float textLeft = MARGIN;
        if (resources.logo().isPresent()) {
            PDImageXObject logo = resources.logo().get().in(document);
            float size = 46;
            float scale = Math.min(size / logo.getWidth(), size / logo.getHeight());
            page.drawImage(logo, MARGIN, top - logo.getHeight() * scale, logo.getWidth() * scale, logo.getHeight() * scale);
            textLeft = MARGIN + size + 10;
        }
        Seller seller = invoice.seller();
        float left = top - 12;
        left = text(bold, 13, textLeft, left, seller.legalName(), INK) - 15;
        left = text(regular, 9, textLeft, left, seller.address().line1(), INK) - 11;
        if (seller.address().line2().isPresent()) {
            left = text(regular, 9, textLeft, left, seller.address().line2().get(), INK) - 11;
        }
        left = text(regular, 9, textLeft, left, (seller.address().postalCode() + " " + seller.address().city()).strip()
                + ", " + seller.address().country().value(), INK) - 11;
        left = text(regular, 9, textLeft, left, "SIREN " + seller.siren().formatted() + " — TVA / VAT " + seller.vatNumber(), INK) - 11;

        float right = top - 14;
        String heading = invoice.isCreditNote() ? "AVOIR" : "FACTURE";
        rightText(bold, 18, right, heading + "  " + invoice.number().value(), ACCENT);
        right -= 13;
        rightText(regular, 9, right, invoice.isCreditNote() ? "Credit note" : "Invoice", MUTED);
        right -= 15;
        right = labelled(right, "Date d'émission / Issue date", DATE.format(invoice.issueDate()));
        right = labelled(right, "Commande / Order", invoice.orderReference());
        if (invoice.originalInvoice().isPresent()) {
            Invoice.Reference original = invoice.originalInvoice().get();
            right = labelled(right, "Facture créditée / Invoice credited",
                    original.number().value() + " du " + DATE.format(original.issueDate()));
        }
        if (invoice.deliveryDate().isPresent()) {
            right = labelled(right, "Date de livraison / Delivery date", DATE.format(invoice.deliveryDate().get()));
        }
        if (!invoice.isCreditNote()) {
            right = labelled(right, "Échéance / Due date", DATE.format(invoice.dueDate()));
        }
        y = Math.min(left, right) - 14;
    }

    private float labelled(float at, String label, String value) throws IOException {
        float valueWidth = width(bold, 9, value);
        text(bold, 9, RIGHT - valueWidth, at, value, INK);
        String shown = label + " : ";
        text(regular, 9, RIGHT - valueWidth - width(regular, 9, shown), at, shown, MUTED);
        return at - 12;
    }

    // Buyer, and where the goods go when elsewhere

    private void parties() throws IOException {
        float top = y;
        float column = (RIGHT - MARGIN) / 2;
        float left = block(MARGIN, top, "Facturé à / Bill to", buyerLines());
        float right = invoice.deliveryAddress().isEmpty() ? top
                : block(MARGIN + column + 10, top, "Livré à / Ship to", addressLines(invoice.deliveryAddress().get()));
        y = Math.min(left, right) - 16;
    }

    private List<String> buyerLines() {
        InvoiceBuyer buyer = invoice.buyer();
        List<String> lines = new ArrayList<>();
        buyer.companyName().ifPresent(lines::add);
        lines.add(buyer.name());
        lines.addAll(addressLines(buyer.address()));
        buyer.siren().ifPresent(siren -> lines.add("SIREN " + siren.formatted()));
        buyer.vatNumber().ifPresent(number -> lines.add("TVA / VAT " + number));
        return lines;
    }

    private static List<String> addressLines(PostalAddress address) {
        List<String> lines = new ArrayList<>();
        lines.add(address.line1());
        address.line2().ifPresent(lines::add);
        lines.add((address.postalCode() + " " + address.city()).strip() + ", " + address.country().value());
        return lines;
    }

    private float block(float left, float top, String title, List<String> lines) throws IOException {
        float at = text(bold, 9, left, top, title, ACCENT) - 12;
        for (String line : lines) {
            at = text(regular, 10, left, at, line, INK) - 12;
        }
        return at;
    }

    // Lines

    private void lines() throws IOException {
        tableHeader();
        for (Invoice.Line line : invoice.lines()) {
            List<String> description = wrap(regular, 9.5f, line.description(), COLUMNS[1] - COLUMNS[0] - 8);
            String reference = line.itemReference().map(ref -> "Réf. " + ref).orElse("");
            float height = description.size() * 11.5f + (reference.isEmpty() ? 0 : 9.5f) + 6;
            if (y - height < BOTTOM) {
                newPage();
                continuation();
                tableHeader();
            }
            float baseline = y;
            float last = baseline;
            for (int i = 0; i < description.size(); i++) {
                last = baseline - i * 11.5f;
                text(regular, 9.5f, COLUMNS[0], last, description.get(i), INK);
            }
            if (!reference.isEmpty()) {
                last -= 9.5f;
                text(regular, 7.5f, COLUMNS[0], last, reference, MUTED);
            }
            number(regular, 9.5f, COLUMNS[2] - 6, baseline, Integer.toString(line.quantity()));
            number(regular, 9.5f, COLUMNS[3] - 6, baseline, unitPrice(line.unitPriceExclVat()));
            number(regular, 9.5f, COLUMNS[4] - 6, baseline, rate(line.vatRate(), line.vatCategory()));
            number(regular, 9.5f, RIGHT, baseline, money(line.totalExclVat()));
            rule(last - 5);
            y = last - 17;
        }
    }

    private void tableHeader() throws IOException {
        rule(y + 11);
        text(bold, 8.5f, COLUMNS[0], y, "Désignation / Description", INK);
        number(bold, 8.5f, COLUMNS[2] - 6, y, "Qté / Qty");
        number(bold, 8.5f, COLUMNS[3] - 6, y, "PU HT / Unit");
        number(bold, 8.5f, COLUMNS[4] - 6, y, "TVA / VAT");
        number(bold, 8.5f, RIGHT, y, "Total HT");
        rule(y - 4);
        y -= 18;
    }

    private void continuation() throws IOException {
        text(bold, 10, MARGIN, y, title() + " " + invoice.number().value() + " (suite / continued)", ACCENT);
        y -= 22;
    }

    // VAT breakdown and totals

    private void breakdownAndTotals() throws IOException {
        int rows = invoice.vatBreakdown().size();
        if (y - (rows * 12 + 110) < BOTTOM) {
            newPage();
            continuation();
        }
        y -= 6;
        float top = y;
        // The VAT breakdown on the left (EN 16931 BG-23).
        float at = text(bold, 9, MARGIN, top, "Détail de la TVA / VAT breakdown", ACCENT) - 13;
        text(bold, 8.5f, MARGIN, at, "Taux / Rate", INK);
        number(bold, 8.5f, MARGIN + 150, at, "Base HT / Base");
        number(bold, 8.5f, MARGIN + 230, at, "TVA / VAT");
        at -= 12;
        for (Invoice.VatRow row : invoice.vatBreakdown()) {
            text(regular, 9, MARGIN, at, rate(row.rate(), row.category()), INK);
            number(regular, 9, MARGIN + 150, at, money(row.taxableAmount()));
            number(regular, 9, MARGIN + 230, at, money(row.vatAmount()));
            at -= 12;
            if (row.exemptionText().isPresent()) {
                for (String part : wrap(regular, 7.5f, row.exemptionText().get(), 230)) {
                    text(regular, 7.5f, MARGIN + 8, at + 2, part, MUTED);
                    at -= 9;
                }
            }
        }

        // The totals on the right.
        Invoice.Totals totals = invoice.totals();
        float labels = RIGHT - 210;
        float right = top;
        right = total(labels, right, "Total HT / Total excl. VAT", totals.exclVat(), false);
        right = total(labels, right, "Total TVA / VAT", totals.vat(), false);
        right = total(labels, right, "Total TTC / Total incl. VAT", totals.inclVat(), false);
        if (!totals.roundingAmount().isZero()) {
            right = total(labels, right, "Arrondi / Rounding", totals.roundingAmount(), false);
        }
        if (invoice.taxCurrency().isPresent()) {
            right = total(labels, right, "Total TVA en EUR / VAT total in EUR", invoice.taxCurrency().get().vatInEuros(), false);
        }
        if (invoice.isCreditNote()) {
            right = total(labels, right - 4, "Montant crédité / Amount credited", totals.payable(), true);
        } else {
            right = total(labels, right - 4, "Net à payer / Amount payable", totals.payable(), true);
            if (invoice.payment().isPresent()) {
                InvoicePayment payment = invoice.payment().get();
                right = total(labels, right, "Déjà payé / Paid", payment.amount(), false);
                right = total(labels, right, "Reste dû / Amount due", invoice.amountDue(), true);
            }
        }
        y = Math.min(at, right) - 10;
    }

    private float total(float left, float at, String label, Money amount, boolean strong) throws IOException {
        PDType0Font font = strong ? bold : regular;
        float size = strong ? 10.5f : 9.5f;
        if (strong) {
            rule(at + size + 1, left, RIGHT);
        }
        text(font, size, left, at, label, INK);
        number(font, size, RIGHT, at, money(amount));
        return at - (strong ? 16 : 13);
    }

    // Payment, reason, mentions

    private void notes() throws IOException {
        List<String> paragraphs = new ArrayList<>();
        invoice.payment().ifPresent(payment -> paragraphs.add("Facture acquittée le " + DATE.format(payment.paidOn())
                + " par " + lower(payment.means().french()) + " — paid on " + DATE.format(payment.paidOn()) + " ("
                + payment.means().english() + ")."));
        invoice.creditReason().ifPresent(reason -> paragraphs.add("Motif / Reason : " + reason));
        invoice.taxCurrency().ifPresent(tax -> paragraphs.add(currencyNote(invoice.currency(), tax)));
        if (invoice.payment().isEmpty() && !invoice.isCreditNote()
                && invoice.mentions().stream().noneMatch(mention -> mention.kind() == MentionKind.PAYMENT_TERMS)) {
            paragraphs.add("À payer avant le " + DATE.format(invoice.dueDate()) + " / Due by " + DATE.format(invoice.dueDate()) + ".");
        }
        for (Invoice.Mention mention : invoice.mentions()) {
            paragraphs.add(mention.text());
        }
        for (String paragraph : paragraphs) {
            List<String> parts = wrap(regular, 8.5f, paragraph, RIGHT - MARGIN);
            if (y - parts.size() * 10.5f < BOTTOM) {
                newPage();
                continuation();
            }
            for (String part : parts) {
                text(regular, 8.5f, MARGIN, y, part, INK);
                y -= 10.5f;
            }
            y -= 3;
        }
    }

    private static String lower(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    // Pages

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        pages++;
        y = HEIGHT - MARGIN - 12;
    }

    /** The seller's legal identity and the page number at the foot of every page (Code de commerce R123-237/238). */
    private void footers() throws IOException {
        Seller seller = invoice.seller();
        StringBuilder identity = new StringBuilder(seller.legalName()).append(" — ").append(seller.legalForm());
        seller.shareCapital().ifPresent(capital -> identity.append(" au capital de ").append(money(capital)));
        identity.append(" — ").append(seller.rcs()).append(" — SIRET ").append(seller.siret().value())
                .append(" — TVA ").append(seller.vatNumber());
        int number = 0;
        for (PDPage each : document.getPages()) {
            number++;
            try (PDPageContentStream footer = new PDPageContentStream(document, each, PDPageContentStream.AppendMode.APPEND, true, true)) {
                PDPageContentStream body = page;
                page = footer;
                rule(BOTTOM - 22);
                float at = BOTTOM - 34;
                for (String part : wrap(regular, 7.5f, identity.toString(), RIGHT - MARGIN - 60)) {
                    text(regular, 7.5f, MARGIN, at, part, MUTED);
                    at -= 9;
                }
                number(regular, 7.5f, RIGHT, BOTTOM - 34, number + " / " + pages);
                page = body;
            }
        }
    }

    // Drawing

    private float text(PDType0Font font, float size, float x, float at, String text, Color color) throws IOException {
        page.beginText();
        page.setNonStrokingColor(color);
        page.setFont(font, size);
        page.newLineAtOffset(x, at);
        page.showText(metrics(font).printable(text));
        page.endText();
        return at;
    }

    private void rightText(PDType0Font font, float size, float at, String text, Color color) throws IOException {
        text(font, size, RIGHT - width(font, size, text), at, text, color);
    }

    /** Right-aligned at {@code right}. */
    private void number(PDType0Font font, float size, float right, float at, String text) throws IOException {
        text(font, size, right - width(font, size, text), at, text, INK);
    }

    private void rule(float at) throws IOException {
        rule(at, MARGIN, RIGHT);
    }

    private void rule(float at, float from, float to) throws IOException {
        page.setStrokingColor(RULE);
        page.setLineWidth(0.5f);
        page.moveTo(from, at);
        page.lineTo(to, at);
        page.stroke();
    }

    private float width(PDType0Font font, float size, String text) throws IOException {
        return metrics(font).width(size, text);
    }

    /** Words on lines no wider than {@code maxWidth}; a word longer than a line is cut. */
    private List<String> wrap(PDType0Font font, float size, String text, float maxWidth) throws IOException {
        return metrics(font).wrap(size, text, maxWidth);
    }

    private PagedPdf.Font metrics(PDType0Font font) {
        return fonts.computeIfAbsent(font, PagedPdf.Font::new);
    }

    /** The currency of a document not in euros, and the rate its order was converted at. */
    static String currencyNote(java.util.Currency currency, TaxCurrency tax) {
        String code = currency.getCurrencyCode();
        String rate = tax.rate().rate().toPlainString();
        String date = DATE.format(tax.rate().date());
        return "Montants en " + code + ", convertis des euros au cours de référence du " + date + " : 1 EUR = "
                + rate.replace('.', ',') + " " + code + " ; la TVA est due en euros : " + money(tax.vatInEuros())
                + ". — Amounts in " + code + ", converted from euros at the reference rate of " + date + ": 1 EUR = " + rate
                + " " + code + "; the VAT is due in euros: " + money(tax.vatInEuros()) + ".";
    }

    // Formats, as French invoices write them

    static String money(Money amount) {
        return decimal(amount.amount(), 2) + (amount.currency().equals(Money.EUR) ? " €" : " " + amount.currency().getCurrencyCode());
    }

    /** A unit price: to the cent, or to four decimals when it has them (EN 16931 BT-146). */
    private static String unitPrice(Money amount) {
        BigDecimal value = amount.amount().stripTrailingZeros();
        return decimal(amount.amount(), Math.max(2, Math.min(4, value.scale())))
                + (amount.currency().equals(Money.EUR) ? " €" : " " + amount.currency().getCurrencyCode());
    }

    private static String rate(Percentage rate, VatCategory category) {
        String percent = rate.value().toPlainString().replace('.', ',') + " %";
        return category == VatCategory.S ? percent : percent + " (" + category.name() + ")";
    }

    /** 1234.5 with 2 decimals as "1 234,50", grouped by no-break spaces. */
    static String decimal(BigDecimal value, int decimals) {
        String plain = value.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('\u00a0');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + (point < 0 ? "" : "," + digits.substring(point + 1));
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }
}
