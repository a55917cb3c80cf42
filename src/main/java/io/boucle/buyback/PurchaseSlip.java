package io.boucle.buyback;

import java.awt.Color;
import java.io.IOException;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;

import io.boucle.shared.Money;
import io.boucle.shared.PagedPdf;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

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
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color ACCENT = new Color(0x1f, 0x6f, 0x5c);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm");

    private PurchaseSlip() {
    }

    static byte[] render(Content content) {
        return PagedPdf.write(MARGIN, MARGIN, pdf -> {
            PDDocumentInformation info = pdf.information();
            info.setTitle("Bordereau d'achat n° " + content.registerNumber());
            info.setAuthor(content.merchantName());
            info.setCreator("Boucle");
            Calendar at = GregorianCalendar.from(content.at());
            info.setCreationDate(at);
            info.setModificationDate(at);
            pdf.language("fr-FR");
            pdf.gap(10);
            Writer writer = new Writer(pdf);
            pdf.color(ACCENT);
            writer.line(18, "Bordereau d'achat à un particulier");
            pdf.color(INK);
            writer.line(10, "Purchase slip — n° " + content.registerNumber() + " du registre des objets mobiliers");
            writer.gap();
            writer.line(10, "Rachat " + content.offerReference() + ", le " + DATE_TIME.format(content.at()));
            writer.gap();
            writer.heading("Acheteur / Buyer");
            writer.line(10, content.merchantName());
            writer.line(10, content.merchantAddress());
            writer.line(10, "SIREN " + content.merchantSiren());
            writer.gap();
            SellerIdentity seller = content.seller();
            writer.heading("Vendeur / Seller");
            writer.line(10, seller.lastName().toUpperCase(Locale.FRENCH) + " " + seller.firstNames() + ", particulier");
            writer.line(10, seller.address());
            writer.line(10, seller.document().label() + " n° " + seller.documentNumber() + ", délivré(e) le "
                    + DATE.format(seller.documentIssuedOn()) + " par " + seller.documentAuthority());
            writer.gap();
            writer.heading("Objet / Item");
            writer.line(10, content.item());
            writer.line(10, "État constaté : " + content.condition());
            writer.gap();
            writer.heading("Prix et règlement / Price and payment");
            writer.line(12, "Prix d'achat : " + euros(content.price()));
            writer.line(10, "Mode de règlement : " + content.paymentMethod());
            writer.gap();
            writer.line(9, "Le vendeur certifie être le propriétaire de l'objet, qu'il n'est grevé d'aucun droit et qu'il "
                    + "le vend en tant que particulier. Cet achat est inscrit au registre des objets mobiliers tenu "
                    + "en application de l'article 321-7 du Code pénal. L'objet sera revendu sous le régime "
                    + "particulier des biens d'occasion (article 297 A du CGI).");
        });
    }

    static String euros(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        format.setCurrency(money.currency());
        return format.format(money.amount()).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** Lines written on their baseline, then spaced by half their size again; wrapped to the page's width. */
    private record Writer(PagedPdf pdf) {

        void heading(String text) throws IOException {
            pdf.color(ACCENT);
            line(11, text);
            pdf.color(INK);
        }

        void gap() {
            pdf.gap(10);
        }

        void line(float size, String text) throws IOException {
            pdf.wrapped(text.replaceAll("\\R", " "), size, 0, size * 1.45f);
        }
    }
}
