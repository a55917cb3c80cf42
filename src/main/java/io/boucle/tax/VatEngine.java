package io.boucle.tax;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * The VAT engine: turns a sale into what the invoice shows, what the customer pays and what the
 * accountant declares. Pure: no clock, no database, no state between calls; thread-safe. Checkout
 * (cart totals, orders), invoicing and pricing call it; {@link #withBundledData()} builds it without
 * Spring (benchmarks, tools), and the application context holds one ({@code TaxConfiguration}).
 *
 * <h2>Rules (DOMAIN-RULES §3)</h2>
 * Per line, see {@link SupplyRules}: goods delivered in France or Monaco bear French VAT; goods leaving
 * the EU VAT territory (third countries, French overseas departments and collectivities, Canary Islands,
 * ...) are exempt exports (G, "262 I"); goods sent to a business with a valid number of another member
 * state are exempt intra-Community supplies (K, "262 ter I", both numbers printed); services to such a
 * business are reverse-charged (AE, "Autoliquidation"); second-hand goods under the margin scheme are
 * taxed on the margin at the French rate, shown without VAT (E, VATEX-EU-F); goods sent to consumers in
 * another member state bear French VAT until the threshold and the destination's VAT from the sale
 * that crosses it.
 *
 * <h2>The OSS threshold (Directive 2006/112/EC art. 59c; CGI art. 258 A; CIBS art. L. 222-15 to L. 222-17)</h2>
 * The destination's VAT applies when the seller opted for it, when last year's distance sales exceeded
 * EUR 10,000, or when this year's, this sale included, exceed it: "exceed", so a total of exactly
 * 10,000.00 stays French and 10,000.01 switches, this sale and every later one. The amount measured is
 * this sale's distance sales excl. VAT (goods and the delivery that follows them, margin-scheme goods
 * excluded by art. 35) as the invoice would show them under French VAT; the same amount is returned as
 * {@link VatAssessment#distanceSalesAddition()}, so the caller's running total matches the decisions
 * taken (and the invoices exactly whenever the sale stays French).
 *
 * <h2>Prices</h2>
 * Catalog prices include French VAT. When another rate applies (the destination's, or 0 % for an
 * exempt sale) the price excl. VAT is kept: {@code net = French price ÷ (1 + French rate)}, charged
 * {@code net × (1 + rate)}, rounded once to the cent ({@link VatRounding}). A customer in Germany thus
 * pays 714.00 for what costs 720.00 in France (600.00 excl. VAT at 19 % instead of 20 %); an export
 * pays 600.00. Repricing is per unit, so a line is its shown unit price times its quantity, and the
 * delivery part of each group of goods is repriced once. Margin-scheme goods keep their catalog price everywhere: no VAT is shown on them, and
 * lowering the price by the margin VAT would disclose the margin and so the purchase price.
 * {@link #consumerUnitPrice} gives the storefront the price to display for a delivery country.
 *
 * <h2>Delivery</h2>
 * The delivery charge is part of the price of the goods it carries and takes their treatment
 * (Directive art. 78(b); CGI art. 267 I 2°; BOI-TVA-BASE-10-10-10; CJEU C-349/96 Card Protection Plan on
 * ancillary supplies). No text fixes how to split it over goods taxed differently; the engine splits its
 * catalog price in proportion to the goods' values excl. VAT at French rates, the key commonly applied,
 * which does not depend on the destination, and taxes each part like its goods. The part attached to a
 * margin-scheme item belongs to that item's selling price, which includes transport costs charged to
 * the customer (Directive art. 312(1)): it raises the item's margin and is shown, like the item,
 * without VAT. A delivery charge with no goods in the sale is refused.
 *
 * <h2>Rounding and totals</h2>
 * See {@link VatTotals} and {@link VatRounding}: VAT per breakdown row on its base (BR-CO-17), bases
 * shared out over lines without losing a cent, a rounding amount (BT-114) for the rare total no base
 * fits, and the amount payable always equal to the sum of the prices charged.
 */
public final class VatEngine {

    private final TaxData data;
    private final SupplyRules rules;
    private final SaleComputation computation;

    VatEngine(TaxData data) {
        this.data = Objects.requireNonNull(data, "data");
        this.rules = new SupplyRules(data);
        this.computation = new SaleComputation(data.legalTexts());
    }

    /** The engine on the data files shipped in {@code src/main/resources/tax}. */
    public static VatEngine withBundledData() {
        return new VatEngine(TaxData.bundled());
    }

    public VatAssessment assess(Sale sale) {
        Objects.requireNonNull(sale, "sale");
        Place place = data.territories().locate(sale.destination(), sale.date());
        VatAssessment taxedInFrance = computation.compute(sale, treat(sale, place, false));
        Money distanceSales = distanceSalesIn(taxedInFrance);
        if (distanceSales.isPositive() && taxedAtDestination(sale.distanceSales(), distanceSales, sale.date())) {
            return computation.compute(sale, treat(sale, place, true)).withDistanceSalesAddition(distanceSales);
        }
        return taxedInFrance.withDistanceSalesAddition(distanceSales);
    }

    /**
     * The price a consumer pays for one unit of a line delivered to {@code destination}: the price the
     * storefront shows once the delivery country is known. It is the unit price the checkout charges
     * for the line bought alone; in the one cart that crosses the OSS threshold the checkout's
     * assessment reprices the whole cart and is the one to show.
     */
    public Money consumerUnitPrice(SaleLine line, Destination destination, LocalDate date, DistanceSales distanceSales) {
        Sale alone = new Sale(date, List.of(line), Money.zero(Money.EUR), destination, Buyer.consumer(), distanceSales);
        return assess(alone).lines().getFirst().unit().inclVat();
    }

    /**
     * The EU-wide distance-sales threshold in force on a date (EUR 10,000 since 2021-07-01): a seller whose
     * distance sales exceed it in the current or the previous calendar year taxes them at destination.
     */
    public Money distanceSalesThreshold(LocalDate date) {
        return data.legalTexts().ossThreshold(date);
    }

    /**
     * Whether a VAT number was issued by another member state than France (or is Northern Ireland's XI, for
     * goods) on a date: the numbers VIES checks and that can make a supply of goods exempt (CGI art. 262 ter I).
     * French numbers, and numbers of countries outside the EU, are never sent to VIES.
     */
    public boolean identifiesInAnotherMemberState(VatNumber number, LocalDate date) {
        return number.country().filter(country -> !data.territories().isFrance(country))
                .map(country -> data.territories().identifiesForGoods(country, date)).orElse(false);
    }

    /** The French rate of a category on a date (the rate catalog prices include). */
    public Percentage frenchRate(TaxCategory category, LocalDate date) {
        return data.frenchRate(category, date);
    }

    private List<Treatment> treat(Sale sale, Place place, boolean distanceSalesAtDestination) {
        return sale.lines().stream()
                .map(line -> rules.treat(line, place, sale.buyer(), sale.date(), distanceSalesAtDestination))
                .toList();
    }

    private boolean taxedAtDestination(DistanceSales sales, Money thisSale, LocalDate date) {
        Money threshold = data.legalTexts().ossThreshold(date);
        return sales.optedForDestinationTaxation()
                || sales.previousYear().isGreaterThan(threshold)
                || sales.currentYearSoFar().plus(thisSale).isGreaterThan(threshold);
    }

    private static Money distanceSalesIn(VatAssessment taxedInFrance) {
        Money total = Money.zero(Money.EUR);
        for (AssessedLine line : taxedInFrance.lines()) {
            if (line.regime() == VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE) {
                total = total.plus(line.total().exclVat());
            }
        }
        for (DeliveryPart part : taxedInFrance.delivery()) {
            if (part.regime() == VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE) {
                total = total.plus(part.amounts().exclVat());
            }
        }
        return total;
    }
}
