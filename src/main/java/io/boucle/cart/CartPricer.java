package io.boucle.cart;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.SellableVariant;
import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.fulfilment.Parcel;
import io.boucle.fulfilment.PickupPoint;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.pricing.PricedCart;
import io.boucle.pricing.ExchangeRates;
import io.boucle.pricing.Pricing;
import io.boucle.pricing.PricingLine;
import io.boucle.pricing.PricingRequest;
import io.boucle.shared.CountryCode;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.Buyer;
import io.boucle.tax.Destination;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.DistanceSalesSource;
import io.boucle.tax.VatNumber;
import io.boucle.tax.VatNumberCheck;
import io.boucle.tax.VatNumberVerdict;
import io.boucle.tax.VatRegime;
import io.boucle.tax.Sale;
import io.boucle.tax.SaleLine;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatEngine;
import org.springframework.stereotype.Component;

/**
 * Prices a stored cart: catalog prices, stock, promotions, delivery and VAT, all on the server.
 * <p>
 * The delivery price may depend on the goods' total after discounts (free above a threshold) and
 * a promotion may depend on the delivery price (free delivery), so promotions are applied twice:
 * once to find the lines' discounts, then with the delivery price they lead to.
 */
@Component
class CartPricer {

    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    /**
     * @param vat     the assessment in euros, the reference
     * @param charged the same in the cart's currency, as it is charged; the assessment itself for the euro
     * @param saleDate the date the VAT was assessed on (Europe/Paris): the distance sales' year the order counts in
     */
    record Priced(CartView view, PricingRequest request, PricedCart priced, VatAssessment vat, VatAssessment charged,
            LocalDate saleDate) {
    }

    private final Catalog catalog;
    private final Inventory inventory;
    private final Pricing pricing;
    private final Delivery delivery;
    private final VatEngine vatEngine;
    private final ExchangeRates exchangeRates;
    private final Clock clock;
    private final DistanceSalesSource distanceSales;

    private final VatNumberCheck vatNumberChecks;

    CartPricer(Catalog catalog, Inventory inventory, Pricing pricing, Delivery delivery, VatEngine vatEngine,
            ExchangeRates exchangeRates, Clock clock, DistanceSalesSource distanceSales, VatNumberCheck vatNumberChecks) {
        this.vatNumberChecks = vatNumberChecks;
        this.exchangeRates = exchangeRates;
        this.distanceSales = distanceSales;
        this.catalog = catalog;
        this.inventory = inventory;
        this.pricing = pricing;
        this.delivery = delivery;
        this.vatEngine = vatEngine;
        this.clock = clock;
    }

    /**
     * @param withStock false at placement, where the reservation checks the stock itself and the VAT of a sale
     *                  adding to the EU distance sales is assessed on their exact figure (see
     *                  {@link DistanceSalesSource#exact}); a cart shown uses their estimate
     */
    Priced price(CartRow cart, boolean withStock) {
        Instant now = Instant.now(clock);
        List<String> skus = cart.lines().stream().map(CartRow.LineRow::sku).toList();
        Map<String, SellableVariant> variants = catalog.sellable(skus);
        Map<String, StockLevel> stock = withStock ? inventory.levels(skus) : Map.of();
        // Prices, promotions, delivery and VAT are in euros; the cart's currency is the one it is charged in.
        Money zero = Money.zero(Money.EUR);

        List<CartView.Problem> problems = new ArrayList<>();
        List<PricingLine> pricingLines = new ArrayList<>();
        int weight = 0;
        for (CartRow.LineRow line : cart.lines()) {
            SellableVariant variant = variants.get(line.sku());
            int available = withStock ? stock.get(line.sku()).available() : Integer.MAX_VALUE;
            if (variant == null || !variant.published() || !variant.price().currency().equals(Money.EUR)) {
                problems.add(new CartView.Problem(line.id(), line.sku(), "unavailable", 0));
                continue;
            }
            if (available < line.quantity()) {
                problems.add(new CartView.Problem(line.id(), line.sku(), "insufficient_stock", Math.max(available, 0)));
            }
            pricingLines.add(new PricingLine(line.id(), line.sku(), variant.productSlug(), variant.categorySlug(),
                    variant.price(), line.quantity()));
            weight += variant.weightGrams() * line.quantity();
        }

        Money subtotal = pricingLines.stream().map(PricingLine::total).reduce(zero, Money::plus);
        CountryCode country = cart.customer() == null ? cart.country() : cart.customer().shipping().country();
        String postalCode = cart.customer() == null ? null : cart.customer().shipping().postalCode();
        PricingRequest request = new PricingRequest(pricingLines, zero, cart.discountCodes(),
                cart.customer() == null ? null : cart.customer().email().value(), now);
        PricedCart priced = pricing.price(request);
        CartView.Delivery chosen = null;
        if (!pricingLines.isEmpty()) {
            Money goods = subtotal.minus(priced.lineDiscounts().values().stream().reduce(zero, Money::plus));
            chosen = delivery(cart, new Parcel(country, postalCode, weight, goods), now);
            if (chosen != null) {
                request = new PricingRequest(pricingLines, chosen.quote().price(), cart.discountCodes(), request.customerEmail(), now);
                priced = pricing.price(request);
            }
        }
        Money deliveryPrice = chosen == null ? zero : chosen.quote().price();

        VatAssessment vat = pricingLines.isEmpty() ? null
                : assess(sale(cart, pricingLines, variants, priced, deliveryPrice, now), !withStock);
        // Catalog prices include French VAT; a sale taxed otherwise (at destination, or exempt) shows the
        // prices it charges: lines, delivery and discounts repriced, so that the lines, the totals and the VAT agree.
        VatAssessment shown = vat == null || frenchPrices(vat) ? null
                : vatEngine.assess(undiscounted(cart, pricingLines, variants, deliveryPrice, now, vat));
        List<CartView.Line> lines = new ArrayList<>();
        for (CartRow.LineRow line : cart.lines()) {
            SellableVariant variant = variants.get(line.sku());
            int available = withStock ? Math.max(stock.get(line.sku()).available(), 0) : line.quantity();
            boolean priceable = pricingLines.stream().anyMatch(pricingLine -> pricingLine.lineId().equals(line.id()));
            Money unit = priceable ? variant.price() : zero;
            Money lineTotal = unit.times(line.quantity());
            Money discount = priced.lineDiscounts().getOrDefault(line.id(), zero);
            if (priceable && shown != null) {
                unit = shown.line(line.id()).unit().inclVat();
                lineTotal = shown.line(line.id()).total().inclVat();
                discount = lineTotal.minus(vat.line(line.id()).total().inclVat());
            }
            lines.add(new CartView.Line(line.id(), line.sku(), variant == null ? null : variant.productSlug(),
                    variant == null ? LocalizedText.of(line.sku(), line.sku()) : variant.title(), line.quantity(), unit,
                    lineTotal, discount, available, variant != null && variant.secondHand()));
        }
        List<CartView.VatLine> vatLines = vat == null ? List.of() : vat.breakdown().stream()
                .map(row -> new CartView.VatLine(row.rate().value(), row.taxableAmount(), row.vat())).toList();
        Money total = vat == null ? zero : vat.totals().payable();
        Money totalVat = vat == null ? zero : vat.totals().vat();
        CartView.Totals totals;
        if (shown == null) {
            totals = new CartView.Totals(subtotal, priced.totalDiscount(), deliveryPrice, vatLines, totalVat, total);
        } else {
            Money shownSubtotal = lines.stream().map(CartView.Line::total).reduce(zero, Money::plus);
            Money lineDiscounts = lines.stream().map(CartView.Line::discount).reduce(zero, Money::plus);
            Money chargedDelivery = deliveryIncl(vat);
            // The delivery before its discount, repriced; without a delivery discount, exactly what is charged.
            Money shownDelivery = priced.deliveryDiscount().isPositive() ? deliveryIncl(shown) : chargedDelivery;
            totals = new CartView.Totals(shownSubtotal, lineDiscounts.plus(shownDelivery.minus(chargedDelivery)), shownDelivery,
                    vatLines, totalVat, total);
        }
        ExchangeRate rate = exchangeRates.rateOn(cart.currency(), LocalDate.ofInstant(now, SHOP_ZONE))
                .orElseThrow(() -> new CurrencyUnavailable(cart.currency()));
        VatAssessment charged = vat == null ? null : vat.convertedAt(rate);
        String note = vatNote(cart, vat, LocalDate.ofInstant(now, SHOP_ZONE));
        CartView view = new CartView(cart.id(), "OPEN".equals(cart.status()), cart.currency(), country, cart.locale(),
                lines, totals, chosen, cart.customer(), cart.discountCodes(), priced.applied(), priced.rejected(),
                problems, weight, cart.paymentMethod(), cart.giftCardCode(), cart.lastActivityAt(), cart.customerId(),
                new CartView.Charge(rate, charged(totals, rate, lines, charged)), vatNumberCheck(cart),
                note, vatNoteKey(cart, vat, note), vat == null ? null : vat.ossCountry().map(Object::toString).orElse(null));
        return new Priced(view, request, priced, vat, charged, LocalDate.ofInstant(now, SHOP_ZONE));
    }

    /**
     * The totals in the cart's currency: the VAT and the total from the converted assessment (the total is what
     * is charged), the subtotal and delivery converted from their euro figures, and the discount what makes
     * subtotal − discount + delivery = total.
     */
    static CartView.Totals charged(CartView.Totals euros, ExchangeRate rate, List<CartView.Line> lines, VatAssessment charged) {
        if (rate.isIdentity()) {
            return euros;
        }
        Money zero = Money.zero(rate.currency());
        Money subtotal = lines.stream().map(line -> rate.fromEuros(line.total())).reduce(zero, Money::plus);
        Money delivery = rate.fromEuros(euros.delivery());
        if (charged == null) {
            return new CartView.Totals(subtotal, zero, delivery, List.of(), zero, zero);
        }
        Money total = charged.totals().payable();
        List<CartView.VatLine> vat = charged.breakdown().stream()
                .map(row -> new CartView.VatLine(row.rate().value(), row.taxableAmount(), row.vat())).toList();
        return new CartView.Totals(subtotal, subtotal.plus(delivery).minus(total), delivery, vat, charged.totals().vat(), total);
    }

    /** The chosen delivery when it still serves the parcel, else the cheapest one (not chosen). */
    private CartView.Delivery delivery(CartRow cart, Parcel parcel, Instant now) {
        if (cart.deliveryCode() != null) {
            Optional<DeliveryQuote> quote = delivery.quote(cart.deliveryCode(), parcel, now);
            if (quote.isPresent()) {
                PickupPoint point = cart.pickupPointId() == null ? null
                        : delivery.pickupPoint(cart.deliveryCode(), cart.pickupPointId()).orElse(null);
                return new CartView.Delivery(quote.get(), point, true);
            }
        }
        return delivery.quotes(parcel, now).stream().findFirst()
                .map(quote -> new CartView.Delivery(quote, null, false)).orElse(null);
    }

    private Sale sale(CartRow cart, List<PricingLine> lines, Map<String, SellableVariant> variants, PricedCart priced,
            Money deliveryPrice, Instant now) {
        List<SaleLine> saleLines = new ArrayList<>();
        for (PricingLine line : lines) {
            SellableVariant variant = variants.get(line.sku());
            Money charged = line.total().minus(priced.lineDiscounts().getOrDefault(line.lineId(), Money.zero(Money.EUR)));
            // A discount that does not divide into whole cents per unit is charged as one line of the whole quantity.
            boolean even = charged.minorUnits() % line.quantity() == 0;
            int quantity = even ? line.quantity() : 1;
            Money unit = even ? Money.ofMinor(charged.minorUnits() / line.quantity(), Money.EUR) : charged;
            saleLines.add(variant.marginSchemePurchasePrice()
                    .map(purchase -> SaleLine.secondHand(line.lineId(), variant.taxCategory(), quantity, unit,
                            purchase.times(line.quantity() / quantity)))
                    .orElseGet(() -> SaleLine.goods(line.lineId(), variant.taxCategory(), quantity, unit)));
        }
        return new Sale(LocalDate.ofInstant(now, SHOP_ZONE), saleLines,
                deliveryPrice.minus(priced.deliveryDiscount()), destination(cart), buyer(cart), DistanceSales.none());
    }

    private static Destination destination(CartRow cart) {
        return cart.customer() == null ? new Destination(cart.country(), "")
                : new Destination(cart.customer().shipping().country(), cart.customer().shipping().postalCode());
    }

    /**
     * A business whose VAT number of another member state was found valid by VIES when the cart got it (the
     * offline check's own verdicts count only in the demo and the tests, see {@link VatNumberCheck#proves}); a
     * French business, whose number {@link Company} has checked the key of; anyone else is treated as a consumer,
     * the sale bearing VAT as a consumer's would: VAT is never wrongly left out.
     */
    private Buyer buyer(CartRow cart) {
        String number = companyVatNumber(cart);
        if (number == null) {
            return Buyer.consumer();
        }
        if (number.startsWith("FR")) {
            // Identified in France: French VAT wherever the goods go, and not a distance sale (SupplyRules).
            return Buyer.business(number, true);
        }
        return Buyer.business(number, vatNumberChecks.proves(vatNumberCheck(cart)));
    }

    /**
     * Whether a company's VAT number is one VIES checks: of another member state than France, or Northern
     * Ireland's. French numbers and those of countries outside the EU are not sent.
     */
    boolean checkedByVies(String number, LocalDate date) {
        return number != null && vatEngine.identifiesInAnotherMemberState(VatNumber.of(number), date);
    }

    private static String companyVatNumber(CartRow cart) {
        return cart.customer() == null || cart.customer().company() == null ? null : cart.customer().company().vatNumber();
    }

    /** The check of the company's current VAT number, if one was made. */
    private static VatNumberVerdict vatNumberCheck(CartRow cart) {
        String number = companyVatNumber(cart);
        return number == null || cart.vatNumberCheck() == null || !cart.vatNumberCheck().isAbout(number) ? null
                : cart.vatNumberCheck();
    }

    /**
     * What the shopper is told of their VAT number of another member state, from the VAT the cart is actually
     * assessed with: exempt when it is, else why the number did not exempt and which VAT applies instead
     * (French, the destination's through OSS, or none for goods leaving the EU). Nothing for French numbers
     * and numbers from outside the EU, which are not checked, nor for an empty cart.
     */
    private String vatNote(CartRow cart, VatAssessment vat, LocalDate date) {
        String number = companyVatNumber(cart);
        if (number == null || vat == null || !checkedByVies(number, date)) {
            return null;
        }
        VatNumberVerdict check = vatNumberCheck(cart);
        if (vat.lines().stream().anyMatch(line -> line.regime() == VatRegime.INTRA_EU_B2B_GOODS)) {
            return "VAT number " + number + " checked (" + check.source()
                    + (check.consultation() == null ? "" : ", consultation " + check.consultation())
                    + "): goods sent to another member state are exempt (CGI art. 262 ter I).";
        }
        if (check != null && vatNumberChecks.proves(check)) {
            // Valid, but the goods are not sent to another member state: nothing the number changed.
            return null;
        }
        String applies = applies(vat);
        if (check == null) {
            return "The VAT number " + number + " has not been checked: " + applies;
        }
        return switch (check.status()) {
            case VALID -> "The VAT number " + number + " was not checked with VIES: " + applies;
            case INVALID -> "The VAT number " + number + " is not valid for intra-Community supplies: " + applies;
            case UNAVAILABLE -> "The VAT number " + number + " could not be checked (" + check.detail() + "): " + applies
                    + " Save your details again later to retry the check.";
        };
    }

    /** Which VAT the assessment charges, as the shopper is told it ({@link #vatNoteKey} for the storefront). */
    private static String applies(VatAssessment vat) {
        return switch (appliedRegime(vat)) {
            case "destination" -> "the VAT of " + vat.ossCountry().orElseThrow() + " applies (OSS).";
            case "export" -> "no VAT applies to goods leaving the EU (CGI art. 262 I).";
            default -> "French VAT applies.";
        };
    }

    /** {@code destination}, {@code export} or {@code french}: the VAT the goods of an assessment bear. */
    static String appliedRegime(VatAssessment vat) {
        if (vat.ossCountry().isPresent()) {
            return "destination";
        }
        if (!vat.lines().isEmpty() && vat.lines().stream().allMatch(line -> line.regime() == VatRegime.EXPORT)) {
            return "export";
        }
        return "french";
    }

    /**
     * The storefront's message for the note, {@code checkout.vatNumber.<key>}: {@code VALID}, or the verdict's
     * status ({@code NOT_CHECKED} when none) and the VAT that applies instead, e.g. {@code INVALID.destination}.
     */
    private String vatNoteKey(CartRow cart, VatAssessment vat, String note) {
        if (note == null) {
            return null;
        }
        if (vat.lines().stream().anyMatch(line -> line.regime() == VatRegime.INTRA_EU_B2B_GOODS)) {
            return "VALID";
        }
        VatNumberVerdict check = vatNumberCheck(cart);
        String status = check == null || check.status() == VatNumberVerdict.Status.VALID ? "NOT_CHECKED" : check.status().name();
        return status + "." + appliedRegime(vat);
    }

    /**
     * The cart's VAT. A sale that adds to the EU distance sales is assessed first without them, then on their
     * estimate, or at placement on their exact figure: a domestic sale or an export never reads them.
     */
    private VatAssessment assess(Sale sale, boolean placing) {
        VatAssessment vat = vatEngine.assess(sale);
        if (!vat.distanceSalesAddition().isPositive()) {
            return vat;
        }
        DistanceSales sales = placing ? distanceSales.exact(sale.date()) : distanceSales.estimate(sale.date());
        return vatEngine.assess(new Sale(sale.date(), sale.lines(), sale.deliveryCharge(), sale.destination(), sale.buyer(), sales));
    }

    /** Whether every line and delivery part is charged at its catalog price (French VAT, or the margin scheme). */
    private static boolean frenchPrices(VatAssessment vat) {
        return vat.lines().stream().allMatch(line -> frenchPrice(line.regime()))
                && vat.delivery().stream().allMatch(part -> frenchPrice(part.regime()));
    }

    private static boolean frenchPrice(VatRegime regime) {
        return regime == VatRegime.DOMESTIC || regime == VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE
                || regime == VatRegime.MARGIN_SCHEME;
    }

    private static Money deliveryIncl(VatAssessment vat) {
        return vat.delivery().stream().map(part -> part.amounts().inclVat()).reduce(Money.zero(Money.EUR), Money::plus);
    }

    /**
     * The cart at catalog prices, before any discount, treated as the sale is (the same buyer and destination,
     * at destination when the sale is): each line's price per unit and the delivery price as the shopper sees them.
     */
    private Sale undiscounted(CartRow cart, List<PricingLine> lines, Map<String, SellableVariant> variants,
            Money deliveryPrice, Instant now, VatAssessment sale) {
        List<SaleLine> saleLines = new ArrayList<>();
        for (PricingLine line : lines) {
            SellableVariant variant = variants.get(line.sku());
            saleLines.add(variant.marginSchemePurchasePrice()
                    .map(purchase -> SaleLine.secondHand(line.lineId(), variant.taxCategory(), line.quantity(), variant.price(), purchase))
                    .orElseGet(() -> SaleLine.goods(line.lineId(), variant.taxCategory(), line.quantity(), variant.price())));
        }
        DistanceSales sales = new DistanceSales(Money.zero(Money.EUR), Money.zero(Money.EUR), sale.ossCountry().isPresent());
        return new Sale(LocalDate.ofInstant(now, SHOP_ZONE), saleLines, deliveryPrice, destination(cart), buyer(cart), sales);
    }
}
