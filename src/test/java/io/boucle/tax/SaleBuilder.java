package io.boucle.tax;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.boucle.shared.Money;

/** Test data: {@code aSale().to("DE", "10115").with(goods("MUG", STANDARD, "24.00")).build()}. */
final class SaleBuilder {

    static final LocalDate A_DATE_IN_2026 = LocalDate.of(2026, 6, 15);

    private LocalDate date = A_DATE_IN_2026;
    private final List<SaleLine> lines = new ArrayList<>();
    private Money delivery = Money.zero(Money.EUR);
    private Destination destination = Destination.of("FR", "75011");
    private Buyer buyer = Buyer.consumer();
    private DistanceSales distanceSales = DistanceSales.none();

    static SaleBuilder aSale() {
        return new SaleBuilder();
    }

    static Money eur(String amount) {
        return Money.euros(amount);
    }

    static SaleLine goods(String reference, TaxCategory category, String unitPrice) {
        return SaleLine.goods(reference, category, 1, eur(unitPrice));
    }

    static SaleLine goods(String reference, TaxCategory category, int quantity, String unitPrice) {
        return SaleLine.goods(reference, category, quantity, eur(unitPrice));
    }

    static SaleLine service(String reference, TaxCategory category, String unitPrice) {
        return SaleLine.service(reference, category, 1, eur(unitPrice));
    }

    static SaleLine secondHand(String reference, String unitPrice, String purchasePrice) {
        return SaleLine.secondHand(reference, TaxCategory.STANDARD, 1, eur(unitPrice), eur(purchasePrice));
    }

    SaleBuilder on(LocalDate date) {
        this.date = date;
        return this;
    }

    SaleBuilder on(String date) {
        return on(LocalDate.parse(date));
    }

    SaleBuilder with(SaleLine... lines) {
        this.lines.addAll(List.of(lines));
        return this;
    }

    SaleBuilder delivery(String charge) {
        this.delivery = eur(charge);
        return this;
    }

    SaleBuilder to(String country, String postalCode) {
        this.destination = Destination.of(country, postalCode);
        return this;
    }

    SaleBuilder to(String country) {
        return to(country, "");
    }

    SaleBuilder by(Buyer buyer) {
        this.buyer = buyer;
        return this;
    }

    SaleBuilder byCompany(String vatNumber) {
        return by(Buyer.business(vatNumber, true));
    }

    /** Distance sales so far this year and last year, excl. VAT. */
    SaleBuilder distanceSales(String currentYear, String previousYear) {
        this.distanceSales = DistanceSales.of(eur(currentYear), eur(previousYear));
        return this;
    }

    SaleBuilder aboveTheThreshold() {
        return distanceSales("25000.00", "40000.00");
    }

    SaleBuilder distanceSales(DistanceSales distanceSales) {
        this.distanceSales = distanceSales;
        return this;
    }

    Sale build() {
        return new Sale(date, lines, delivery, destination, buyer, distanceSales);
    }
}
