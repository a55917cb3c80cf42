package io.boucle.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.boucle.order.NewOrder;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.Buyer;
import io.boucle.tax.Destination;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.Sale;
import io.boucle.tax.SaleLine;
import io.boucle.tax.TaxCategory;
import io.boucle.tax.VatAssessment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The invoice request of an order: buyer, lines, delivery and payment taken from the order as placed. */
class OrderInvoicesTests {

    static final NewOrder.Address HOME = new NewOrder.Address("Camille Martin", "12 rue des Lilas", null, "75011", "Paris", "FR");
    static final NewOrder.Address OFFICE = new NewOrder.Address("Camille Martin", "3 quai Saint-Antoine", "Bâtiment B",
            "69002", "Lyon", "FR");

    /** Three lines: a mug twice (two lines), three bowls with a discount that does not divide into cents. */
    static final List<NewOrder.Line> LINES = List.of(
            line("MUG", "Mug en grès", 1, "12.00", "0.00"),
            line("MUG", "Mug en grès", 1, "12.00", "0.00"),
            line("BOWL", "Bol", 3, "10.00", "1.00"));

    static final VatAssessment VAT = InvoiceFixtures.VAT.assess(new Sale(LocalDate.of(2026, 6, 15), List.of(
            SaleLine.goods("1", TaxCategory.STANDARD, 1, Money.euros("12.00")),
            SaleLine.goods("2", TaxCategory.STANDARD, 1, Money.euros("12.00")),
            SaleLine.goods("3", TaxCategory.STANDARD, 1, Money.euros("29.00"))),
            Money.euros("4.90"), Destination.of("FR", "75011"), Buyer.consumer(), DistanceSales.none()));

    @Test
    void orderBecomesTheRequestOfItsInvoice() {
        OrderView order = order(HOME, OFFICE, new NewOrder.Company("Roux SARL", "FR44732829320", "732829320"), "wallet");

        InvoiceRequest request = OrderInvoices.request(order, VAT);

        assertThat(request.orderReference()).isEqualTo("B2026-000042");
        assertThat(request.items()).extracting(InvoiceRequest.Item::reference).as("a SKU on two lines is told apart by position")
                .containsExactly("MUG/1", "MUG/2", "BOWL");
        assertThat(request.assessment().lines()).extracting(line -> line.reference()).containsExactly("MUG/1", "MUG/2", "BOWL");
        assertThat(request.item("BOWL").description()).isEqualTo("Bol (3 × 10,00 EUR TTC) — remise de 1,00 EUR TTC déduite");
        assertThat(request.item("MUG/1").description()).isEqualTo("Mug en grès");
        assertThat(request.deliveryDescription()).contains("Livraison à domicile");
        assertThat(request.buyer().companyName()).contains("Roux SARL");
        assertThat(request.buyer().siren()).contains(Siren.of("732829320"));
        assertThat(request.buyer().address().city()).as("billed at the billing address").isEqualTo("Lyon");
        assertThat(request.deliveryAddress()).hasValueSatisfying(address -> assertThat(address.city()).isEqualTo("Paris"));
        assertThat(request.payment()).hasValueSatisfying(payment -> {
            assertThat(payment.means()).isEqualTo(PaymentMeans.ONLINE_PAYMENT_SERVICE);
            assertThat(payment.paidOn()).as("the date in France").isEqualTo(LocalDate.of(2026, 6, 16));
            assertThat(payment.amount()).isEqualTo(VAT.totals().payable());
        });
    }

    @Test
    void consumerDeliveredWhereBilledNeedsNoDeliveryAddress() {
        InvoiceRequest request = OrderInvoices.request(order(HOME, HOME, null, "instalments-3"), VAT);

        assertThat(request.buyer().isBusiness()).isFalse();
        assertThat(request.deliveryAddress()).isEmpty();
        assertThat(request.payment().orElseThrow().means()).isEqualTo(PaymentMeans.CARD_INSTALMENTS);
    }

    private static OrderView order(NewOrder.Address shipping, NewOrder.Address billing, NewOrder.Company company,
            String paymentMethod) {
        Money total = VAT.totals().payable();
        NewOrder.DeliveryChoice delivery = new NewOrder.DeliveryChoice("home", "HOME",
                LocalizedText.of("Livraison à domicile", "Home delivery"), Money.euros("4.90"), Money.euros("4.90"),
                LocalDate.of(2026, 6, 18), LocalDate.of(2026, 6, 20), null);
        NewOrder.Totals totals = new NewOrder.Totals(Money.euros("54.00"), Money.euros("1.00"), Money.euros("4.90"),
                List.of(), VAT.totals().vat(), total);
        Instant placed = Instant.parse("2026-06-15T21:50:00Z");
        return new OrderView(new OrderNumber("B2026-000042"), OrderStatus.PAID, "camille@example.org", Locale.FRENCH, "EUR",
                shipping, billing, company, delivery, LINES, totals, List.of(), paymentMethod, placed,
                Instant.parse("2026-06-15T22:05:00Z"), placed.plusSeconds(1800), null, null, "token", List.of(), null);
    }

    private static NewOrder.Line line(String sku, String title, int quantity, String unitPrice, String discount) {
        Money unit = Money.euros(unitPrice);
        Money off = Money.euros(discount);
        return new NewOrder.Line(sku, sku.toLowerCase(Locale.ROOT), title, quantity, unit, off,
                unit.times(quantity).minus(off), new BigDecimal("20"), false);
    }
}
