package io.boucle.buyback;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;

import io.boucle.shared.DocumentFonts;
import io.boucle.shared.Money;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The purchase slip ("bordereau d'achat") handed to a private seller: the shop, the seller and the
 * identity document shown, the item, the price, the method of payment and the register number. One
 * A4 page in French, written with PDFBox as the invoices are; made once at acceptance and stored.
 */
final class PurchaseSlip {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /** What the slip shows. */
    record Content(long registerNumber, String offerReference, ZonedDateTime at, String merchantName,
                   String merchantAddress, String merchantSiren, SellerIdentity seller, String item, String condition,
                   Money price, String paymentMethod) {
    }

    // Page geometry in PDF points (PDFBox draws with floats); the price is never a float here: it is
    // formatted from its BigDecimal.
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color ACCENT = new Color(0x1f, 0x6f, 0x5c);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private static final byte[] FONT = DocumentFonts.regular();

    private PurchaseSlip() {
    }

    static byte[] render(Content content) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(FONT), true);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Bordereau d'achat n° " + content.registerNumber());
            info.setAuthor(content.merchantName());
            info.setCreator("Boucle");
            Calendar at = GregorianCalendar.from(content.at());
            info.setCreationDate(at);
            info.setModificationDate(at);
            document.getDocumentCatalog().setLanguage("fr-FR");
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                Writer writer = new Writer(out, font);
                writer.line(18, ACCENT, "Bordereau d'achat à un particulier");
                writer.line(10, INK, "Purchase slip — n° " + content.registerNumber() + " du registre des objets mobiliers");
                writer.gap();
                writer.line(10, INK, "Rachat " + content.offerReference() + ", le " + DATE_TIME.format(content.at()));
                writer.gap();
                writer.heading("Acheteur / Buyer");
                writer.line(10, INK, content.merchantName());
                writer.line(10, INK, content.merchantAddress());
                writer.line(10, INK, "SIREN " + content.merchantSiren());
                writer.gap();
                SellerIdentity seller = content.seller();
                writer.heading("Vendeur / Seller");
                writer.line(10, INK, seller.lastName().toUpperCase(Locale.FRENCH) + " " + seller.firstNames() + ", particulier");
                writer.wrapped(10, seller.address());
                writer.line(10, INK, seller.document().label() + " n° " + seller.documentNumber() + ", délivré(e) le "
                        + DATE.format(seller.documentIssuedOn()) + " par " + seller.documentAuthority());
                writer.gap();
                writer.heading("Objet / Item");
                writer.wrapped(10, content.item());
                writer.line(10, INK, "État constaté : " + content.condition());
                writer.gap();
                writer.heading("Prix et règlement / Price and payment");
                writer.line(12, INK, "Prix d'achat : " + euros(content.price()));
                writer.wrapped(10, "Mode de règlement : " + content.paymentMethod());
                writer.gap();
                writer.wrapped(9, "Le vendeur certifie être le propriétaire de l'objet, qu'il n'est grevé d'aucun droit et qu'il "
                        + "le vend en tant que particulier. Cet achat est inscrit au registre des objets mobiliers tenu "
                        + "en application de l'article 321-7 du Code pénal. L'objet sera revendu sous le régime "
                        + "particulier des biens d'occasion (article 297 A du CGI).");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String euros(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        format.setCurrency(money.currency());
        return format.format(money.amount()).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static final class Writer {

        private final PDPageContentStream out;
        private final PDType0Font font;
        private float y = HEIGHT - MARGIN - 10;

        Writer(PDPageContentStream out, PDType0Font font) {
            this.out = out;
            this.font = font;
        }

        void heading(String text) throws IOException {
            line(11, ACCENT, text);
        }

        void gap() {
            y -= 10;
        }

        void line(float size, Color color, String text) throws IOException {
            out.beginText();
            out.setNonStrokingColor(color);
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(printable(text));
            out.endText();
            y -= size * 1.45f;
        }

        void wrapped(float size, String text) throws IOException {
            for (String part : wrap(printable(text), size)) {
                line(size, INK, part);
            }
        }

        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String tried = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(tried) / 1000 * size > WIDTH - 2 * MARGIN && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(tried);
                }
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        /** Control characters as spaces, and characters the font cannot show as '?'. */
        private String printable(String text) {
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                    shown.append(' ');
                    return;
                }
                try {
                    font.encode(new String(Character.toChars(cp)));
                    shown.appendCodePoint(cp);
                } catch (IllegalArgumentException | IOException e) {
                    shown.append('?');
                }
            });
            return shown.toString();
        }
    }
}
