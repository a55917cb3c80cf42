package io.boucle.tax;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * Generated carts (fixed seed, so any failure can be replayed) against the invariants every assessment
 * must keep, whatever the destination, buyer, lines and dates. A failure prints the generated sale.
 */
class VatInvariantsTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;
    static final long SEED = 20260615L;
    static final int CARTS = 3_000;
    static final Money ZERO = Money.zero(Money.EUR);

    static final String[][] DESTINATIONS = {
            {"FR", "75011"}, {"FR", "20000"}, {"MC", "98000"}, {"FR", "97110"}, {"FR", "97600"}, {"DE", "10115"},
            {"DE", "27498"}, {"AT", "6691"}, {"GR", "10431"}, {"GR", "63086"}, {"ES", "28001"}, {"ES", "35001"},
            {"IT", "00184"}, {"PT", "9500-123"}, {"PT", "9000-001"}, {"SE", "11122"}, {"FI", "00100"}, {"FI", "22100"},
            {"LT", "01100"}, {"IE", "D02"}, {"HU", "1011"}, {"LU", "1111"}, {"GB", "BT1 1AA"}, {"GB", "SW1A 1AA"},
            {"US", "10001"}, {"CH", "1201"}, {"JP", "100-0001"},
    };
    static final String[] VAT_NUMBERS = {"FR40303265045", "BE0123456789", "DE123456789", "EL123456789",
            "XI123456789", "CHE123456789", "ATU12345678"};

    @Test
    void everyGeneratedCartKeepsTheInvariants() {
        Random random = new Random(SEED);
        java.util.Set<VatRegime> regimesSeen = java.util.EnumSet.noneOf(VatRegime.class);
        java.util.Set<VatCategory> categoriesSeen = java.util.EnumSet.noneOf(VatCategory.class);
        int roundingAmounts = 0;
        for (int cart = 0; cart < CARTS; cart++) {
            Sale sale = generate(random);
            VatAssessment vat;
            try {
                vat = ENGINE.assess(sale);
                checkInvariants(sale, vat);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("cart " + cart + " (seed " + SEED + ") failed: " + describe(sale), failure);
            }
            vat.lines().forEach(line -> regimesSeen.add(line.regime()));
            vat.breakdown().forEach(row -> categoriesSeen.add(row.category()));
            roundingAmounts += vat.totals().roundingAmount().isZero() ? 0 : 1;
        }
        // The generator must reach every rule, or the invariants prove little.
        assertThat(regimesSeen).containsExactlyInAnyOrder(VatRegime.values());
        assertThat(categoriesSeen).containsExactlyInAnyOrder(VatCategory.values());
        assertThat(roundingAmounts).as("carts needing a rounding amount").isPositive();
    }

    static void checkInvariants(Sale sale, VatAssessment vat) {
        VatTotals totals = vat.totals();
        Money lineExcl = sum(vat.lines().stream().map(line -> line.total().exclVat()).toList());
        Money lineIncl = sum(vat.lines().stream().map(line -> line.total().inclVat()).toList());
        Money deliveryExcl = sum(vat.delivery().stream().map(part -> part.amounts().exclVat()).toList());
        Money deliveryIncl = sum(vat.delivery().stream().map(part -> part.amounts().inclVat()).toList());
        Money bases = sum(vat.breakdown().stream().map(VatBreakdown::taxableAmount).toList());
        Money breakdownVat = sum(vat.breakdown().stream().map(VatBreakdown::vat).toList());

        // Lines and delivery add up to the totals and to the breakdown bases.
        assertThat(lineExcl.plus(deliveryExcl)).as("lines + delivery excl. VAT = total excl. VAT").isEqualTo(totals.exclVat());
        assertThat(bases).as("breakdown bases = total excl. VAT").isEqualTo(totals.exclVat());
        assertThat(breakdownVat).as("breakdown VAT = total VAT").isEqualTo(totals.vat());
        assertThat(totals.inclVat()).as("BR-CO-15").isEqualTo(totals.exclVat().plus(totals.vat()));
        // What the customer pays is exactly the sum of the prices charged.
        assertThat(totals.payable()).as("payable = sum of charged prices").isEqualTo(lineIncl.plus(deliveryIncl));
        assertThat(totals.payable()).as("BR-CO-16").isEqualTo(totals.inclVat().plus(totals.roundingAmount()));
        assertThat(totals.roundingAmount().abs())
                .as("at most a cent of rounding per breakdown row")
                .isLessThanOrEqualTo(Money.ofMinor(vat.breakdown().size(), Money.EUR));
        for (VatBreakdown row : vat.breakdown()) {
            // BR-CO-17: VAT of a row is its base times its rate, rounded to the cent.
            assertThat(row.vat()).as("BR-CO-17 for " + row)
                    .isEqualTo(row.rate().of(row.taxableAmount()).rounded(RoundingMode.HALF_UP));
            assertThat(row.vat().isNegative()).as("no negative VAT").isFalse();
            if (row.category() != VatCategory.S) {
                assertThat(row.vat()).as("no VAT in category " + row.category()).isEqualTo(ZERO);
                assertThat(row.rate()).isEqualTo(Percentage.ZERO);
            }
            if (row.category() != VatCategory.S && row.category() != VatCategory.Z) {
                assertThat(row.exemptionReason()).as("exemption reason for " + row.category()).isPresent();
                assertThat(row.exemptionText()).as("exemption text for " + row.category()).isPresent();
            }
        }
        for (int i = 0; i < vat.lines().size(); i++) {
            AssessedLine line = vat.lines().get(i);
            SaleLine given = sale.lines().get(i);
            assertThat(line.reference()).isEqualTo(given.reference());
            assertThat(line.total().vat().isNegative()).as("no negative line VAT").isFalse();
            assertThat(line.unit().inclVat().times(line.quantity())).as("unit × quantity = line").isEqualTo(line.total().inclVat());
            assertThat(line.total().inclVat().isRoundedToMinorUnit()).isTrue();
            if (line.regime() == VatRegime.DOMESTIC || line.regime() == VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE
                    || given.isMarginScheme()) {
                assertThat(line.total().inclVat()).as("catalog price kept").isEqualTo(given.catalogTotal());
            }
            if (given.isMarginScheme()) {
                assertThat(line.total().vat()).as("no VAT shown on margin-scheme goods").isEqualTo(ZERO);
                assertThat(line.category()).isIn(VatCategory.E, VatCategory.G);
            }
        }
        for (DeliveryPart part : vat.delivery()) {
            assertThat(part.amounts().vat().isNegative()).as("no negative delivery VAT").isFalse();
        }
        if (vat.delivery().stream().allMatch(part -> part.regime() == VatRegime.DOMESTIC
                || part.regime() == VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE || part.regime() == VatRegime.MARGIN_SCHEME)) {
            assertThat(deliveryIncl).as("delivery charged at its catalog price").isEqualTo(sale.deliveryCharge());
        }
        for (MarginSchemeVat margin : vat.marginSchemeVat()) {
            assertThat(margin.margin().isNegative()).isFalse();
            assertThat(margin.vat().isNegative()).isFalse();
            assertThat(margin.vat()).isLessThanOrEqualTo(margin.margin());
        }
        assertThat(vat.distanceSalesAddition().isNegative()).isFalse();
        assertThat(vat.distanceSalesAddition()).isLessThanOrEqualTo(totals.exclVat().max(totals.payable()));
        boolean oss = vat.lines().stream().anyMatch(line -> line.regime() == VatRegime.OSS_DESTINATION);
        assertThat(vat.ossCountry().isPresent()).isEqualTo(oss);
        assertThat(vat.mentions()).doesNotHaveDuplicates();
    }

    /** What a converted assessment keeps: lines, breakdown and totals add up (its rounding amount may be larger). */
    static void checkConvertedInvariants(VatAssessment vat) {
        VatTotals totals = vat.totals();
        Money zero = Money.zero(totals.payable().currency());
        Money lineExcl = vat.lines().stream().map(line -> line.total().exclVat()).reduce(zero, Money::plus);
        Money lineIncl = vat.lines().stream().map(line -> line.total().inclVat()).reduce(zero, Money::plus);
        Money deliveryExcl = vat.delivery().stream().map(part -> part.amounts().exclVat()).reduce(zero, Money::plus);
        Money deliveryIncl = vat.delivery().stream().map(part -> part.amounts().inclVat()).reduce(zero, Money::plus);
        assertThat(lineExcl.plus(deliveryExcl)).as("lines + delivery excl. VAT = total excl. VAT").isEqualTo(totals.exclVat());
        assertThat(vat.breakdown().stream().map(VatBreakdown::taxableAmount).reduce(zero, Money::plus))
                .as("breakdown bases = total excl. VAT").isEqualTo(totals.exclVat());
        assertThat(vat.breakdown().stream().map(VatBreakdown::vat).reduce(zero, Money::plus))
                .as("breakdown VAT = total VAT").isEqualTo(totals.vat());
        for (VatBreakdown row : vat.breakdown()) {
            assertThat(row.vat()).as("BR-CO-17").isEqualTo(row.rate().of(row.taxableAmount()).rounded(RoundingMode.HALF_UP));
        }
        assertThat(totals.inclVat()).as("BR-CO-15").isEqualTo(totals.exclVat().plus(totals.vat()));
        assertThat(totals.payable()).as("payable = sum of charged prices").isEqualTo(lineIncl.plus(deliveryIncl));
        assertThat(totals.payable()).as("BR-CO-16").isEqualTo(totals.inclVat().plus(totals.roundingAmount()));
        vat.lines().stream().filter(line -> line.rate().isZero())
                .forEach(line -> assertThat(line.total().vat().isZero()).as("no VAT at rate 0").isTrue());
    }

    static Sale generate(Random random) {
        LocalDate date = LocalDate.of(2021, 7, 1).plusDays(random.nextInt(365 * 6 + 183));
        String[] destination = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
        Buyer buyer = switch (random.nextInt(4)) {
            case 0, 1 -> Buyer.consumer();
            default -> Buyer.business(VAT_NUMBERS[random.nextInt(VAT_NUMBERS.length)], random.nextInt(5) > 0);
        };
        List<SaleLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            TaxCategory category = TaxCategory.values()[random.nextInt(TaxCategory.values().length)];
            int quantity = 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 3);
            Money price = randomPrice(random);
            int kind = random.nextInt(10);
            if (kind < 2) {
                lines.add(SaleLine.secondHand("L" + i, category, 1, price, randomPrice(random)));
            } else if (kind < 3) {
                lines.add(SaleLine.service("L" + i, category, quantity, price));
            } else {
                lines.add(SaleLine.goods("L" + i, category, quantity, price));
            }
        }
        boolean anyGoods = lines.stream().anyMatch(line -> line.supplyKind() == SupplyKind.GOODS);
        Money delivery = anyGoods && random.nextBoolean() ? Money.ofMinor(1 + random.nextInt(3000), Money.EUR) : ZERO;
        DistanceSales sales = new DistanceSales(Money.ofMinor(random.nextInt(1_250_000), Money.EUR),
                random.nextInt(3) == 0 ? Money.ofMinor(1_000_001, Money.EUR) : ZERO, random.nextInt(20) == 0);
        return new Sale(date, lines, delivery, Destination.of(destination[0], destination[1]), buyer, sales);
    }

    /** Prices from a cent to a few thousand euros, small ones often: they are where rounding bites. */
    static Money randomPrice(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Money.ofMinor(random.nextInt(100), Money.EUR);
            case 1 -> Money.ofMinor(random.nextInt(5_000), Money.EUR);
            case 2 -> Money.ofMinor(random.nextInt(50_000), Money.EUR);
            default -> Money.ofMinor(random.nextInt(500_000), Money.EUR);
        };
    }

    static String describe(Sale sale) {
        StringBuilder text = new StringBuilder();
        text.append("date=").append(sale.date()).append(", to=").append(sale.destination())
                .append(", buyer=").append(sale.buyer()).append(", delivery=").append(sale.deliveryCharge())
                .append(", distanceSales=").append(sale.distanceSales()).append(", lines=");
        for (SaleLine line : sale.lines()) {
            text.append("\n  ").append(line.reference()).append(' ').append(line.supplyKind()).append(' ')
                    .append(line.taxCategory()).append(" x").append(line.quantity()).append(" @ ").append(line.unitPrice())
                    .append(line.marginScheme().map(margin -> " bought for " + margin.purchasePrice()).orElse(""));
        }
        return text.toString();
    }

    private static Money sum(List<Money> amounts) {
        return amounts.stream().reduce(ZERO, Money::plus);
    }
}
