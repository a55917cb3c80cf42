package io.boucle.cart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.SellableVariant;
import io.boucle.customer.CustomerId;
import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.fulfilment.Parcel;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.OutOfStock;
import io.boucle.inventory.StockLevel;
import io.boucle.pricing.ExchangeRates;
import io.boucle.pricing.RejectedCode;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Gone;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import io.boucle.tax.VatNumber;
import io.boucle.tax.VatNumberCheck;
import io.boucle.tax.VatNumberVerdict;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The carts: every change checks the catalog and the stock, notes the cart's last activity and
 * answers the cart priced anew. A cart idle for longer than {@code boucle.cart.lifetime} (30 days by
 * default) has expired.
 */
@Service
public class Carts {

    public static final int MAX_QUANTITY = 999;
    public static final int MAX_LINES = 100;
    public static final int MAX_CODES = 5;

    private final CartStore store;
    private final CartPricer pricer;
    private final Catalog catalog;
    private final Inventory inventory;
    private final Delivery delivery;
    private final ExchangeRates exchangeRates;
    private final Clock clock;
    private final Duration lifetime;
    private final VatNumberCheck vatNumberCheck;
    private final TransactionTemplate transaction;

    Carts(CartStore store, CartPricer pricer, Catalog catalog, Inventory inventory, Delivery delivery,
            ExchangeRates exchangeRates, Clock clock, @Value("${boucle.cart.lifetime:P30D}") Duration lifetime,
            VatNumberCheck vatNumberCheck, PlatformTransactionManager transactions) {
        this.exchangeRates = exchangeRates;
        this.vatNumberCheck = vatNumberCheck;
        this.transaction = new TransactionTemplate(transactions);
        this.store = store;
        this.pricer = pricer;
        this.catalog = catalog;
        this.inventory = inventory;
        this.delivery = delivery;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * A new, empty cart, charged in euros or in another offered currency ({@link ExchangeRates#OFFERED}) that has
     * a rate in force today.
     *
     * @throws InvalidField when the currency is not offered or has no rate in force; nothing is written
     */
    @Transactional
    public CartView create(Currency currency, CountryCode country, Locale locale) {
        Currency chosen = currency == null ? Money.EUR : currency;
        requireChargeable(chosen);
        CartId id = CartId.random();
        store.insert(id, chosen, country == null ? CountryCode.FRANCE : country,
                locale == null ? Locale.FRENCH : locale, Instant.now(clock));
        return view(id);
    }

    /** The signed-in customer's open cart, when they have one that has not expired. */
    @Transactional(readOnly = true)
    public Optional<CartId> cartOf(CustomerId customer) {
        return store.openCartOf(customer).filter(id -> store.find(id, false).map(cart -> !expired(cart)).orElse(false));
    }

    /** The customer's open cart, opened now when they have none (a cart of theirs that expired is closed). */
    @Transactional
    public CartView createFor(CustomerId customer, Currency currency, CountryCode country, Locale locale) {
        store.lockCustomer(customer);
        Optional<CartId> existing = usableCartOf(customer);
        if (existing.isPresent()) {
            return view(existing.get());
        }
        CartId id = create(currency, country, locale).id();
        store.attach(id, customer);
        return view(id);
    }

    /**
     * At sign-in, the cart the shopper filled as a guest joins the customer's, so they find one cart
     * on every device. Each guest line is added to the customer's cart (a new one, with a new id,
     * when they have none), the quantities summed but never beyond the stock available (nor
     * {@value #MAX_QUANTITY} units, nor {@value #MAX_LINES} lines), its discount codes joined, and the
     * guest cart is closed (MERGED). The guest cart's id, which anyone who had it may know, never
     * becomes the customer's cart. A guest cart that is not open, has expired or is another
     * customer's is left alone.
     *
     * @param guestCart may be null
     * @return the customer's cart, if they have one now
     */
    @Transactional
    public Optional<CartId> mergeAtSignIn(CartId guestCart, CustomerId customer) {
        store.lockCustomer(customer);
        Optional<CartId> own = usableCartOf(customer);
        CartRow guest = guestCart == null || own.filter(guestCart::equals).isPresent() ? null
                : store.find(guestCart, true)
                        .filter(cart -> "OPEN".equals(cart.status()) && cart.customerId() == null && !expired(cart))
                        .orElse(null);
        if (guest == null) {
            return own;
        }
        Instant now = Instant.now(clock);
        CartId targetId = own.orElseGet(() -> {
            CartId fresh = CartId.random();
            store.insert(fresh, guest.currency(), guest.country(), guest.locale(), now);
            store.attach(fresh, customer);
            return fresh;
        });
        CartRow target = store.find(targetId, true).orElseThrow();
        Map<String, Integer> had = new HashMap<>();
        target.lines().forEach(line -> had.put(line.sku(), line.quantity()));
        Map<String, StockLevel> stock = inventory.levels(guest.lines().stream().map(CartRow.LineRow::sku).toList());
        int lines = target.lines().size();
        for (CartRow.LineRow line : guest.lines()) {
            int before = had.getOrDefault(line.sku(), 0);
            if (before == 0 && lines >= MAX_LINES) {
                continue;
            }
            int available = Math.max(stock.get(line.sku()).available(), 0);
            int merged = Math.min(Math.min(before + line.quantity(), MAX_QUANTITY), Math.max(before, available));
            if (merged > before) {
                store.addUnits(target.id(), line.sku(), merged - before, now);
                if (before == 0) {
                    lines++;
                }
            }
        }
        List<String> codes = new ArrayList<>(target.discountCodes());
        guest.discountCodes().stream().filter(code -> !codes.contains(code)).forEach(code -> {
            if (codes.size() < MAX_CODES) {
                codes.add(code);
            }
        });
        if (codes.size() != target.discountCodes().size()) {
            store.setDiscountCodes(target.id(), codes);
        }
        store.markMerged(guest.id(), target.id());
        store.touch(target.id(), now, now.minus(lifetime));
        return Optional.of(target.id());
    }

    /**
     * The customer's open cart, locked, unless it expired, in which case it is closed (in the
     * caller's transaction). A cart ordered while its lock was awaited is no longer theirs to fill.
     */
    private Optional<CartId> usableCartOf(CustomerId customer) {
        Optional<CartId> open = store.openCartOf(customer);
        if (open.isEmpty()) {
            return open;
        }
        CartRow cart = store.find(open.get(), true).orElseThrow();
        if (!"OPEN".equals(cart.status())) {
            return Optional.empty();
        }
        if (expired(cart)) {
            store.markExpired(open.get());
            return Optional.empty();
        }
        return open;
    }

    /**
     * The cart priced now; an ordered cart is still shown (read-only), an expired one is gone, and so
     * is a guest cart merged into its customer's cart at sign-in.
     */
    @Transactional(readOnly = true)
    public CartView view(CartId id) {
        return priced(id).view();
    }

    private CartPricer.Priced priced(CartId id) {
        CartRow cart = store.find(id, false).orElseThrow(() -> new NotFound("no cart " + id));
        boolean shown = "ORDERED".equals(cart.status()) || ("OPEN".equals(cart.status()) && !expired(cart));
        if (!shown) {
            throw notOpen(id, cart);
        }
        return pricer.price(cart, true);
    }

    public Optional<CartView> find(CartId id) {
        try {
            return Optional.of(view(id));
        } catch (NotFound | Gone e) {
            return Optional.empty();
        }
    }

    /** Adds units of a SKU; the same SKU twice makes one line. */
    @Transactional
    public CartView addLine(CartId id, String sku, Integer quantity) {
        CartRow cart = openCart(id);
        int units = quantity(quantity, 1);
        if (sku == null || sku.isBlank()) {
            throw new InvalidField("sku", "is required");
        }
        SellableVariant variant = catalog.sellable(List.of(sku)).get(sku);
        if (variant == null || !variant.published()) {
            throw new InvalidField("sku", "no product is sold under '" + sku + "'");
        }
        if (cart.lines().size() >= MAX_LINES && cart.lines().stream().noneMatch(line -> line.sku().equals(sku))) {
            throw new InvalidField("sku", "a cart holds at most " + MAX_LINES + " lines");
        }
        CartRow.LineRow line = store.addUnits(id, sku, units, Instant.now(clock));
        if (line.quantity() > MAX_QUANTITY) {
            throw new InvalidField("quantity", "at most " + MAX_QUANTITY + " units of one item");
        }
        requireStock(sku, line.quantity());
        return view(id);
    }

    /** Changes a line's quantity; 0 removes the line. */
    @Transactional
    public CartView changeQuantity(CartId id, String lineId, Integer quantity) {
        CartRow cart = openCart(id);
        int units = quantity(quantity, 0);
        CartRow.LineRow line = cart.lines().stream().filter(candidate -> candidate.id().equals(lineId)).findFirst()
                .orElseThrow(() -> new NotFound("no line " + lineId + " in cart " + id));
        if (units == 0) {
            store.removeLine(id, lineId);
        } else {
            if (units > line.quantity()) {
                requireStock(line.sku(), units);
            }
            store.setQuantity(id, lineId, units);
        }
        return view(id);
    }

    @Transactional
    public CartView removeLine(CartId id, String lineId) {
        openCart(id);
        if (!store.removeLine(id, lineId)) {
            throw new NotFound("no line " + lineId + " in cart " + id);
        }
        return view(id);
    }

    /**
     * The shopper's email and addresses; the delivery country follows the shipping address. A company's VAT
     * number of another member state (or Northern Ireland) is checked ({@link VatNumberCheck}) before anything is written, outside
     * any transaction (the service may be slow), and the answer kept on the cart: only a number found valid
     * exempts goods sent to another member state. A check made today of the same number is not repeated.
     */
    public CartView setCustomer(CartId id, CartCustomer customer) {
        VatNumberVerdict check = checkVatNumber(id, customer);
        return transaction.execute(status -> {
            openCart(id);
            store.setCustomer(id, customer, check);
            return view(id);
        });
    }

    /**
     * Checks again, outside any transaction, the company's VAT number of another member state when its last check
     * is not from today, and keeps the answer on the cart (an order is priced on a check of its day).
     */
    public void renewVatNumberCheck(CartId id) {
        CartRow cart = store.find(id, false).orElseThrow(() -> new NotFound("no cart " + id));
        if (!vatNumberCheckOutdated(cart)) {
            return;
        }
        VatNumberVerdict check = checkVatNumber(id, cart.customer());
        transaction.execute(status -> {
            openCart(id);
            store.setCustomer(id, cart.customer(), check);
            return null;
        });
    }

    private boolean vatNumberCheckOutdated(CartRow cart) {
        String number = cart.customer() == null || cart.customer().company() == null ? null : cart.customer().company().vatNumber();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(Instant.now(clock), CartPricer.SHOP_ZONE);
        if (!pricer.checkedByVies(number, today)) {
            return false;
        }
        VatNumberVerdict check = cart.vatNumberCheck();
        return check == null || !check.isAbout(number)
                || !java.time.LocalDate.ofInstant(check.checkedAt(), CartPricer.SHOP_ZONE).equals(today);
    }

    private VatNumberVerdict checkVatNumber(CartId id, CartCustomer customer) {
        String number = customer == null || customer.company() == null ? null : customer.company().vatNumber();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(Instant.now(clock), CartPricer.SHOP_ZONE);
        if (!pricer.checkedByVies(number, today)) {
            // No number, a French one (French VAT whatever VIES says) or one from outside the EU (VIES knows nothing of it).
            return null;
        }
        Optional<VatNumberVerdict> earlier = store.find(id, false).map(CartRow::vatNumberCheck)
                .filter(verdict -> verdict.isAbout(number) && verdict.status() != VatNumberVerdict.Status.UNAVAILABLE
                        && java.time.LocalDate.ofInstant(verdict.checkedAt(), CartPricer.SHOP_ZONE).equals(today));
        return earlier.orElseGet(() -> vatNumberCheck.check(VatNumber.of(number)));
    }

    /** The country the cart page estimates the delivery for, before any address is given. */
    @Transactional
    public CartView setCountry(CartId id, CountryCode country) {
        CartRow cart = openCart(id);
        if (country == null) {
            throw new InvalidField("country", "is required");
        }
        if (cart.customer() != null && !cart.customer().shipping().country().equals(country)) {
            throw new InvalidField("country", "the shipping address decides the country; change the address");
        }
        store.setCountry(id, country);
        return view(id);
    }

    /** Every way the cart can be delivered to its country, cheapest first. */
    @Transactional(readOnly = true)
    public List<DeliveryQuote> deliveryOptions(CartId id) {
        CartPricer.Priced priced = priced(id);
        CartView cart = priced.view();
        if (cart.isEmpty()) {
            return List.of();
        }
        // The goods at catalog prices after their discounts, as the pricing of the cart quotes its delivery.
        Money goods = priced.request().lines().stream().map(io.boucle.pricing.PricingLine::total)
                .reduce(Money.zero(Money.EUR), Money::plus)
                .minus(priced.priced().lineDiscounts().values().stream().reduce(Money.zero(Money.EUR), Money::plus));
        String postalCode = cart.customer() == null ? null : cart.customer().shipping().postalCode();
        return delivery.quotes(new Parcel(cart.country(), postalCode, cart.weightGrams(), goods), Instant.now(clock));
    }

    /** Chooses a delivery option; a relay point or store must be given when the option needs one. */
    @Transactional
    public CartView chooseDelivery(CartId id, String code, String pickupPointId) {
        openCart(id);
        if (code == null || code.isBlank()) {
            throw new InvalidField("code", "is required");
        }
        DeliveryQuote quote = deliveryOptions(id).stream().filter(option -> option.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidField("code", "'" + code + "' cannot deliver this cart"));
        String point = null;
        if (quote.pickupPointRequired()) {
            if (pickupPointId == null || pickupPointId.isBlank()) {
                throw new InvalidField("pickupPointId", "is required for " + code);
            }
            point = delivery.pickupPoint(code, pickupPointId)
                    .orElseThrow(() -> new InvalidField("pickupPointId", "no pickup point '" + pickupPointId + "' for " + code))
                    .id();
        }
        store.setDelivery(id, code, point);
        return view(id);
    }

    /**
     * The currency the cart is charged in: the euro, or another offered currency with a rate in force today. Its
     * totals are then shown converted at that rate, the euro figures being the reference.
     *
     * @throws InvalidField when the currency is not offered or has no rate in force; nothing is written
     */
    @Transactional
    public CartView chooseCurrency(CartId id, Currency currency) {
        openCart(id);
        if (currency == null) {
            throw new InvalidField("currency", "is required");
        }
        requireChargeable(currency);
        store.setCurrency(id, currency);
        return view(id);
    }

    private void requireChargeable(Currency currency) {
        if (!ExchangeRates.offered(currency)) {
            throw new InvalidField("currency", currency.getCurrencyCode() + " is not offered; the shop charges in "
                    + String.join(", ", ExchangeRates.OFFERED.stream().map(Currency::getCurrencyCode).toList()));
        }
        if (exchangeRates.current(currency).isEmpty()) {
            throw new InvalidField("currency", "no exchange rate for " + currency.getCurrencyCode()
                    + " is in force today: the shop cannot charge in it until one is imported");
        }
    }

    /** The payment method chosen on the shop's details step; a gift card needs its code. */
    @Transactional
    public CartView choosePaymentMethod(CartId id, String method, String giftCardCode) {
        openCart(id);
        if (method == null || !java.util.Set.of("card", "wallet", "instalments-3", "instalments-4", "giftcard").contains(method)) {
            throw new InvalidField("paymentMethod", "choose a payment method");
        }
        String code = "giftcard".equals(method) && giftCardCode != null ? giftCardCode.strip() : null;
        if ("giftcard".equals(method) && (code == null || code.isEmpty() || code.length() > 64)) {
            throw new InvalidField("giftCardCode", "enter the gift card's code");
        }
        store.setPaymentMethod(id, method, code);
        return view(id);
    }

    /** Adds a discount code; one that does not apply is refused with the reason and not kept. */
    @Transactional
    public CartView addDiscountCode(CartId id, String code) {
        CartRow cart = openCart(id);
        if (code == null || code.isBlank() || code.strip().length() > 64) {
            throw new InvalidField("code", "is required (at most 64 characters)");
        }
        String normalised = code.strip().toUpperCase(Locale.ROOT);
        if (cart.discountCodes().contains(normalised)) {
            return view(id);
        }
        if (cart.discountCodes().size() >= MAX_CODES) {
            throw new InvalidField("code", "at most " + MAX_CODES + " codes per cart");
        }
        List<String> codes = new ArrayList<>(cart.discountCodes());
        codes.add(normalised);
        store.setDiscountCodes(id, codes);
        CartView priced = view(id);
        Optional<RejectedCode> rejected = priced.rejectedCodes().stream()
                .filter(candidate -> candidate.code().equalsIgnoreCase(normalised)).findFirst();
        if (rejected.isPresent()) {
            throw new DiscountCodeRefused(normalised, rejected.get().reason());
        }
        return priced;
    }

    @Transactional
    public CartView removeDiscountCode(CartId id, String code) {
        CartRow cart = openCart(id);
        store.setDiscountCodes(id, cart.discountCodes().stream().filter(kept -> !kept.equalsIgnoreCase(code)).toList());
        return view(id);
    }

    /**
     * The cart priced for placing its order, without reading the stock (the reservation checks it).
     * Joins the caller's transaction and locks the cart, so it is ordered once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CheckoutQuote quoteForCheckout(CartId id) {
        CartRow cart = store.find(id, true).orElseThrow(() -> new NotFound("no cart " + id));
        if (!"OPEN".equals(cart.status()) || expired(cart)) {
            throw notOpen(id, cart);
        }
        if (vatNumberCheckOutdated(cart)) {
            throw new VatNumberCheckOutdated(id);
        }
        // In a flash sale, most buyers arrive after the last unit: they are told before any pricing.
        cart.lines().stream().filter(line -> inventory.recentlySoldOut(line.sku())).findFirst()
                .ifPresent(line -> {
                    throw new OutOfStock(line.sku(), 0);
                });
        CartPricer.Priced priced = pricer.price(cart, false);
        return new CheckoutQuote(priced.view(), priced.request(), priced.priced(), priced.vat(), priced.charged(),
                priced.saleDate());
    }

    /** Closes the cart for the order placed from it, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markOrdered(CartId id, String orderReference) {
        if (!store.markOrdered(id, orderReference)) {
            throw new CartAlreadyOrdered(id, null);
        }
    }

    private CartRow openCart(CartId id) {
        Instant now = Instant.now(clock);
        if (!store.touch(id, now, now.minus(lifetime))) {
            throw notOpen(id, store.find(id, false).orElseThrow(() -> new NotFound("no cart " + id)));
        }
        return store.find(id, true).orElseThrow();
    }

    /**
     * Why a cart can no longer be filled or ordered. A merged cart does not say into which cart: its
     * id may be known to others than its customer.
     */
    private RuntimeException notOpen(CartId id, CartRow cart) {
        return switch (cart.status()) {
            case "ORDERED" -> new CartAlreadyOrdered(id, cart.orderReference());
            case "MERGED" -> new Gone("cart " + id + " was merged into its customer's cart at sign-in");
            default -> new Gone("cart " + id + " has expired after " + lifetime.toDays() + " days without activity");
        };
    }

    private boolean expired(CartRow cart) {
        return cart.lastActivityAt().isBefore(Instant.now(clock).minus(lifetime));
    }

    private void requireStock(String sku, int quantity) {
        int available = inventory.levels(List.of(sku)).get(sku).available();
        if (available < quantity) {
            throw new OutOfStock(sku, available);
        }
    }

    private static int quantity(Integer quantity, int min) {
        if (quantity == null) {
            if (min == 1) {
                return 1;
            }
            throw new InvalidField("quantity", "is required");
        }
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new InvalidField("quantity", "must be between " + min + " and " + MAX_QUANTITY);
        }
        return quantity;
    }
}
