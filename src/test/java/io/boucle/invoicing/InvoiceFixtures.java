package io.boucle.invoicing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.tax.Buyer;
import io.boucle.tax.Destination;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.Sale;
import io.boucle.tax.SaleLine;
import io.boucle.tax.TaxCategory;
import io.boucle.tax.VatEngine;

/**
 * Test data for invoicing, on the real VAT engine:
 * {@code anOrder("ORD-1").with(goods("MUG", STANDARD, 2, "24.00", "Mug en grès")).delivery("5.90").request()}.
 */
public final class InvoiceFixtures {

    public static final VatEngine VAT = VatEngine.withBundledData();
    public static final LocalDate SALE_DATE = LocalDate.of(2026, 6, 15);

    /** A line of the sale with the description the invoice shows. */
    public record Item(SaleLine line, String description) {
    }

    private final String orderReference;
    private final List<Item> items = new ArrayList<>();
    private Money delivery = Money.zero(Money.EUR);
    private Destination destination = Destination.of("FR", "75011");
    private Buyer taxBuyer = Buyer.consumer();
    private InvoiceBuyer buyer = consumer();
    private LocalDate saleDate = SALE_DATE;
    private Optional<PaymentMeans> paidBy = Optional.empty();
    private LocalDate paidOn = SALE_DATE;
    private DistanceSales distanceSales = DistanceSales.none();

    private InvoiceFixtures(String orderReference) {
        this.orderReference = orderReference;
    }

    public static InvoiceFixtures anOrder(String orderReference) {
        return new InvoiceFixtures(orderReference);
    }

    public static Item goods(String reference, TaxCategory category, int quantity, String unitPrice, String description) {
        return new Item(SaleLine.goods(reference, category, quantity, Money.euros(unitPrice)), description);
    }

    public static Item service(String reference, TaxCategory category, String unitPrice, String description) {
        return new Item(SaleLine.service(reference, category, 1, Money.euros(unitPrice)), description);
    }

    public static Item secondHand(String reference, String unitPrice, String purchasePrice, String description) {
        return new Item(SaleLine.secondHand(reference, TaxCategory.STANDARD, 1, Money.euros(unitPrice),
                Money.euros(purchasePrice)), description);
    }

    public static PostalAddress paris() {
        return PostalAddress.of("8 rue Oberkampf", null, "75011", "Paris", "FR");
    }

    public static InvoiceBuyer consumer() {
        return InvoiceBuyer.consumer("Jeanne Martin", paris());
    }

    /** The settings the migration installs for the demo company. */
    public static MerchantSettings demoSettings() {
        return new MerchantSettings("Boucle Démo SAS", "SAS (société par actions simplifiée)",
                PostalAddress.of("12 rue des Artisans", null, "75011", "Paris", "FR"), "912345675", "91234567500017",
                "FR65912345675", "RCS Paris 912 345 675", Optional.of(Money.euros("10000")), false,
                "Payée à la commande.", 0, "Pas d'escompte pour paiement anticipé.",
                "Tout retard de paiement entraîne des pénalités au taux de refinancement de la BCE majoré de 10 points "
                        + "(Code de commerce, art. L441-10).",
                "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € "
                        + "(Code de commerce, art. L441-10 et D441-5).",
                "F", "AV");
    }

    public InvoiceFixtures with(Item... items) {
        this.items.addAll(List.of(items));
        return this;
    }

    public InvoiceFixtures delivery(String charge) {
        this.delivery = Money.euros(charge);
        return this;
    }

    public InvoiceFixtures to(String country, String postalCode, String city) {
        this.destination = Destination.of(country, postalCode);
        this.buyer = new InvoiceBuyer(buyer.name(), PostalAddress.of("1 Main Street", null, postalCode, city, country),
                buyer.companyName(), buyer.siren(), buyer.vatNumber());
        return this;
    }

    /** A business buyer; its VAT number, when given, is taken as checked valid (VIES). */
    public InvoiceFixtures by(InvoiceBuyer business) {
        this.buyer = business;
        this.taxBuyer = business.vatNumber().map(number -> Buyer.business(number, true)).orElse(Buyer.consumer());
        this.destination = Destination.of(business.address().country().value(), business.address().postalCode());
        return this;
    }

    /** The seller's EU distance sales are past the OSS threshold: goods to EU consumers bear the destination's VAT. */
    public InvoiceFixtures overOssThreshold() {
        this.distanceSales = DistanceSales.of(Money.euros("20000.00"), Money.euros("20000.00"));
        return this;
    }

    public InvoiceFixtures soldOn(LocalDate date) {
        this.saleDate = date;
        return this;
    }

    /** The order was paid in full before its invoice. */
    public InvoiceFixtures paid(LocalDate on, PaymentMeans means) {
        this.paidOn = on;
        this.paidBy = Optional.of(means);
        return this;
    }

    public Sale sale() {
        return new Sale(saleDate, items.stream().map(Item::line).toList(), delivery, destination, taxBuyer,
                distanceSales);
    }

    /** The order charged in another currency, converted at this rate. */
    public InvoiceFixtures chargedAt(io.boucle.shared.ExchangeRate rate) {
        this.rate = Optional.of(rate);
        return this;
    }

    private Optional<io.boucle.shared.ExchangeRate> rate = Optional.empty();

    public InvoiceRequest request() {
        var euros = VAT.assess(sale());
        var assessment = rate.map(euros::convertedAt).orElse(euros);
        return new InvoiceRequest(orderReference, Optional.of(saleDate), buyer, Optional.empty(),
                assessment.totals().payable().currency(), assessment,
                items.stream().map(item -> new InvoiceRequest.Item(item.line().reference(), item.description(),
                        item.line().supplyKind())).toList(),
                delivery.isZero() ? Optional.empty() : Optional.of("Livraison à domicile"),
                paidBy.map(means -> new InvoicePayment(paidOn, means, assessment.totals().payable())),
                rate.map(converted -> new TaxCurrency(converted, euros.totals().vat())));
    }
}
