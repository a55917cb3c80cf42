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
     */
    record Priced(CartView view, PricingRequest request, PricedCart priced, VatAssessment vat, VatAssessment charged) {
    }

    private final Catalog catalog;
    private final Inventory inventory;
    private final Pricing pricing;
    private final Delivery delivery;
    private final VatEngine vatEngine;
    private final ExchangeRates exchangeRates;
    private final Clock clock;

    CartPricer(Catalog catalog, Inventory inventory, Pricing pricing, Delivery delivery, VatEngine vatEngine,
            ExchangeRates exchangeRates, Clock clock) {
        this.exchangeRates = exchangeRates;
        this.catalog = catalog;
        this.inventory = inventory;
        this.pricing = pricing;
        this.delivery = delivery;
        this.vatEngine = vatEngine;
        this.clock = clock;
    }

    /** @param withStock false at placement, where the reservation checks the stock itself */
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

        List<CartView.Line> lines = new ArrayList<>();
        for (CartRow.LineRow line : cart.lines()) {
            SellableVariant variant = variants.get(line.sku());
            int available = withStock ? Math.max(stock.get(line.sku()).available(), 0) : line.quantity();
            boolean priceable = pricingLines.stream().anyMatch(pricingLine -> pricingLine.lineId().equals(line.id()));
            Money unit = priceable ? variant.price() : zero;
            lines.add(new CartView.Line(line.id(), line.sku(), variant == null ? null : variant.productSlug(),
                    variant == null ? LocalizedText.of(line.sku(), line.sku()) : variant.title(), line.quantity(), unit,
                    unit.times(line.quantity()), priced.lineDiscounts().getOrDefault(line.id(), zero), available,
                    variant != null && variant.secondHand()));
        }

        VatAssessment vat = pricingLines.isEmpty() ? null
                : vatEngine.assess(sale(cart, pricingLines, variants, priced, deliveryPrice, now));
        List<CartView.VatLine> vatLines = vat == null ? List.of() : vat.breakdown().stream()
                .map(row -> new CartView.VatLine(row.rate().value(), row.taxableAmount(), row.vat())).toList();
        Money total = vat == null ? zero : vat.totals().payable();
        Money totalVat = vat == null ? zero : vat.totals().vat();
        CartView.Totals totals = new CartView.Totals(subtotal, priced.totalDiscount(), deliveryPrice, vatLines, totalVat, total);
        ExchangeRate rate = exchangeRates.rateOn(cart.currency(), LocalDate.ofInstant(now, SHOP_ZONE))
                .orElseThrow(() -> new CurrencyUnavailable(cart.currency()));
        VatAssessment charged = vat == null ? null : vat.convertedAt(rate);
        CartView view = new CartView(cart.id(), "OPEN".equals(cart.status()), cart.currency(), country, cart.locale(),
                lines, totals, chosen, cart.customer(), cart.discountCodes(), priced.applied(), priced.rejected(),
                problems, weight, cart.paymentMethod(), cart.giftCardCode(), cart.lastActivityAt(), cart.customerId(),
                new CartView.Charge(rate, charged(totals, rate, lines, charged)));
        return new Priced(view, request, priced, vat, charged);
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
        Destination destination = cart.customer() == null ? new Destination(cart.country(), "")
                : new Destination(cart.customer().shipping().country(), cart.customer().shipping().postalCode());
        Buyer buyer = cart.customer() != null && cart.customer().company() != null && cart.customer().company().vatNumber() != null
                // The number's shape and key are checked; its registration (VIES) is not, so the sale is taxed as
                // a consumer's: VAT is never wrongly left out.
                ? Buyer.business(cart.customer().company().vatNumber(), false)
                : Buyer.consumer();
        return new Sale(LocalDate.ofInstant(now, SHOP_ZONE), saleLines,
                deliveryPrice.minus(priced.deliveryDiscount()), destination, buyer, DistanceSales.none());
    }
}
