package io.boucle.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * Turns a sale and the treatment of each line into the invoice's figures: the prices charged, the
 * delivery split, the VAT breakdown, each line's share of it, the totals, the mentions and the margin
 * VAT. One computation per assessment; holds no state between them.
 */
final class SaleComputation {

    private static final Money ZERO = Money.zero(Money.EUR);

    private final LegalTexts texts;

    SaleComputation(LegalTexts texts) {
        this.texts = texts;
    }

    /** Something charged to the customer that lands in one breakdown row: a line or a delivery part. */
    private static final class Member {
        final Treatment treatment;
        final Money charged;
        Money exclVat = ZERO;

        Member(Treatment treatment, Money charged) {
            this.treatment = treatment;
            this.charged = charged;
        }
    }

    /** How a delivery part is shown: one part per regime, country, rate and category. */
    private record DeliveryKey(VatRegime regime, Optional<VatCountry> taxCountry, Percentage rate,
            VatCategory category, Optional<VatExemptionReason> exemptionReason) {
        static DeliveryKey of(Treatment treatment) {
            return new DeliveryKey(treatment.regime(), treatment.taxCountry(), treatment.rate(), treatment.category(),
                    treatment.exemptionReason());
        }
    }

    /** A breakdown row: EN 16931 has one per category and rate. */
    private record RowKey(VatCategory category, Percentage rate) {
    }

    VatAssessment compute(Sale sale, List<Treatment> treatments) {
        List<SaleLine> saleLines = sale.lines();
        int count = saleLines.size();

        // 1. The price charged for each line.
        Money[] unitCharged = new Money[count];
        List<Member> lineMembers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SaleLine line = saleLines.get(i);
            Treatment treatment = treatments.get(i);
            unitCharged[i] = charged(line.unitPrice(), treatment);
            lineMembers.add(new Member(treatment, unitCharged[i].times(line.quantity())));
        }

        // 2. The delivery charge, split over the goods it carries.
        Map<Integer, Money> deliveryOfMarginLine = new LinkedHashMap<>();
        Map<DeliveryKey, Money> deliveryCharged = splitDelivery(sale, treatments, deliveryOfMarginLine);
        Map<DeliveryKey, Member> deliveryMembers = new LinkedHashMap<>();
        deliveryCharged.forEach((key, charged) -> deliveryMembers.put(key, new Member(treatmentOf(key, treatments), charged)));

        // 3. The breakdown: per category and rate, a base whose VAT, rounded, fits the prices charged.
        Map<RowKey, List<Member>> rows = new LinkedHashMap<>();
        List<Member> everything = new ArrayList<>(lineMembers);
        everything.addAll(deliveryMembers.values());
        for (Member member : everything) {
            rows.computeIfAbsent(new RowKey(member.treatment.category(), member.treatment.rate()), any -> new ArrayList<>())
                    .add(member);
        }
        List<VatBreakdown> breakdown = new ArrayList<>();
        Money exclVat = ZERO;
        Money vat = ZERO;
        Money payable = ZERO;
        for (Map.Entry<RowKey, List<Member>> row : rows.entrySet()) {
            List<Member> members = row.getValue();
            Money charged = members.stream().map(member -> member.charged).reduce(ZERO, Money::plus);
            Percentage rate = row.getKey().rate();
            Money base = baseFitting(charged, rate);
            Money rowVat = VatRounding.vatOn(base, rate);
            shareOut(base, members);
            Treatment first = members.getFirst().treatment;
            breakdown.add(new VatBreakdown(row.getKey().category(), rate, first.exemptionReason(),
                    first.mention().map(kind -> texts.mention(kind, sale.date())), base, rowVat));
            exclVat = exclVat.plus(base);
            vat = vat.plus(rowVat);
            payable = payable.plus(charged);
        }
        Money inclVat = exclVat.plus(vat);
        VatTotals totals = new VatTotals(exclVat, vat, inclVat, payable.minus(inclVat), payable);

        // 4. What the invoice shows per line and per delivery part.
        List<AssessedLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SaleLine line = saleLines.get(i);
            Member member = lineMembers.get(i);
            Treatment treatment = member.treatment;
            lines.add(new AssessedLine(line.reference(), line.quantity(), treatment.regime(), treatment.taxCountry(),
                    treatment.rate(), treatment.category(), treatment.exemptionReason(),
                    new AssessedLine.UnitAmounts(VatRounding.unitPrice(member.exclVat, line.quantity()), unitCharged[i]),
                    Amounts.of(member.exclVat, member.charged)));
        }
        List<DeliveryPart> delivery = new ArrayList<>();
        deliveryMembers.forEach((key, member) -> delivery.add(new DeliveryPart(key.regime(), key.taxCountry(), key.rate(),
                key.category(), key.exemptionReason(), Amounts.of(member.exclVat, member.charged))));

        // 5. Mentions and flags.
        Set<LegalMention.Kind> kinds = new LinkedHashSet<>();
        treatments.forEach(treatment -> treatment.mention().ifPresent(kinds::add));
        List<LegalMention> mentions = kinds.stream()
                .map(kind -> new LegalMention(kind, texts.mention(kind, sale.date()))).toList();
        boolean reverseCharge = treatments.stream().anyMatch(t -> t.regime() == VatRegime.REVERSE_CHARGE_SERVICES);
        boolean bothNumbers = reverseCharge
                || treatments.stream().anyMatch(t -> t.regime() == VatRegime.INTRA_EU_B2B_GOODS);
        Optional<VatCountry> ossCountry = treatments.stream()
                .filter(t -> t.regime() == VatRegime.OSS_DESTINATION).findFirst().flatMap(Treatment::taxCountry);

        return new VatAssessment(lines, delivery, breakdown, totals, mentions, bothNumbers, reverseCharge, ossCountry,
                ZERO, marginSchemeVat(saleLines, treatments, lineMembers, deliveryOfMarginLine));
    }

    /**
     * Prices: the catalog price includes French VAT. Where another rate applies the price excl. VAT
     * stays the same and the price charged follows the rate; margin-scheme goods keep their price.
     */
    private static Money charged(Money catalogPrice, Treatment treatment) {
        return treatment.keepsCatalogPrice() ? catalogPrice
                : VatRounding.reprice(catalogPrice, treatment.frenchRate(), treatment.rate());
    }

    /**
     * The delivery follows the goods (Directive 2006/112/EC art. 78(b); CGI art. 267 I 2°). When the
     * goods are taxed differently, its catalog price is split in proportion to the goods' values excl.
     * VAT at French rates (see VatEngine, "Delivery"), each part then priced like its goods. Goods taxed alike share one part; each margin-scheme line gets its own part, which
     * joins that item's selling price for the margin (Directive art. 312(1)).
     */
    private static Map<DeliveryKey, Money> splitDelivery(Sale sale, List<Treatment> treatments,
            Map<Integer, Money> deliveryOfMarginLine) {
        Map<DeliveryKey, Money> parts = new LinkedHashMap<>();
        if (sale.deliveryCharge().isZero()) {
            return parts;
        }
        Map<Object, List<Integer>> units = new LinkedHashMap<>();
        Map<Object, BigDecimal> weights = new LinkedHashMap<>();
        List<SaleLine> lines = sale.lines();
        boolean anyValue = lines.stream().anyMatch(line -> line.supplyKind() == SupplyKind.GOODS && line.unitPrice().isPositive());
        for (int i = 0; i < lines.size(); i++) {
            SaleLine line = lines.get(i);
            if (line.supplyKind() != SupplyKind.GOODS) {
                continue;
            }
            Treatment treatment = treatments.get(i);
            Object unit = line.isMarginScheme() ? Integer.valueOf(i) : treatment;
            // Weight: the value excl. VAT at French rates, the same whatever the destination; a
            // margin-scheme item has no VAT shown, so its whole price. Free goods alone share equally.
            BigDecimal weight = !anyValue ? BigDecimal.ONE
                    : line.isMarginScheme() ? line.catalogTotal().amount()
                    : VatRounding.exactNet(line.catalogTotal(), treatment.frenchRate());
            units.computeIfAbsent(unit, any -> new ArrayList<>()).add(i);
            weights.merge(unit, weight, BigDecimal::add);
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("a delivery charge follows goods, and this sale has none");
        }
        List<Money> split = sale.deliveryCharge().allocate(new ArrayList<>(weights.values()));
        int k = 0;
        for (Map.Entry<Object, List<Integer>> unit : units.entrySet()) {
            int first = unit.getValue().getFirst();
            Treatment treatment = treatments.get(first);
            Money charged = charged(split.get(k++), treatment);
            if (treatment.regime() == VatRegime.MARGIN_SCHEME) {
                deliveryOfMarginLine.put(first, charged);
            }
            if (!charged.isZero()) { // free goods next to priced ones carry no part of the delivery
                parts.merge(DeliveryKey.of(treatment), charged, Money::plus);
            }
        }
        return parts;
    }

    private static Treatment treatmentOf(DeliveryKey key, List<Treatment> treatments) {
        return treatments.stream().filter(treatment -> DeliveryKey.of(treatment).equals(key)).findFirst().orElseThrow();
    }

    /**
     * The base excl. VAT of a breakdown row whose prices incl. VAT add up to {@code charged}: the base
     * nearest the exact net whose VAT, {@code base × rate} rounded (BR-CO-17), brings it back to
     * {@code charged}. Base + rounded VAT rises by one or two cents per cent of base, so at most one
     * base fits and it lies within a cent of the exact net; when none fits, the nearest base is kept and
     * the cent left over becomes the invoice's rounding amount (see VatTotals).
     */
    static Money baseFitting(Money charged, Percentage rate) {
        if (rate.isZero()) {
            return charged;
        }
        Money nearest = VatRounding.netOf(charged, rate);
        Money cent = Money.ofMinor(1, charged.currency());
        for (Money base : List.of(nearest, nearest.minus(cent), nearest.plus(cent))) {
            if (!base.isNegative() && base.plus(VatRounding.vatOn(base, rate)).equals(charged)) {
                return base;
            }
        }
        return nearest;
    }

    /**
     * Gives each member its share of the row's base in proportion to what it is charged, to the cent,
     * adding up exactly. A share never exceeds the member's price, so no VAT shown is negative.
     */
    private static void shareOut(Money base, List<Member> members) {
        Money charged = members.stream().map(member -> member.charged).reduce(ZERO, Money::plus);
        if (charged.isZero()) {
            members.forEach(member -> member.exclVat = ZERO);
            return;
        }
        List<Money> shares = base.allocate(members.stream().map(member -> member.charged.amount()).toList());
        for (int i = 0; i < members.size(); i++) {
            members.get(i).exclVat = shares.get(i);
        }
    }

    /**
     * For the accountant: VAT on each margin-scheme line, item by item, at the French rate; a negative
     * margin is taxed as zero and not offset (CGI art. 297 A; Directive art. 315).
     */
    private static List<MarginSchemeVat> marginSchemeVat(List<SaleLine> lines, List<Treatment> treatments,
            List<Member> members, Map<Integer, Money> deliveryOfMarginLine) {
        List<MarginSchemeVat> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Treatment treatment = treatments.get(i);
            if (treatment.regime() != VatRegime.MARGIN_SCHEME) {
                continue;
            }
            SaleLine line = lines.get(i);
            Money sellingPrice = members.get(i).charged.plus(deliveryOfMarginLine.getOrDefault(i, ZERO));
            Money purchasePrice = line.marginScheme().orElseThrow().purchasePrice().times(line.quantity());
            Money margin = sellingPrice.minus(purchasePrice).max(ZERO);
            result.add(new MarginSchemeVat(line.reference(), treatment.frenchRate(), sellingPrice, purchasePrice, margin,
                    VatRounding.vatIncludedIn(margin, treatment.frenchRate())));
        }
        return result;
    }
}
