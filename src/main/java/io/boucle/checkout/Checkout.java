package io.boucle.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.boucle.cart.Address;
import io.boucle.cart.CartAlreadyOrdered;
import io.boucle.cart.CartId;
import io.boucle.cart.CartView;
import io.boucle.cart.Carts;
import io.boucle.cart.CheckoutQuote;
import io.boucle.cart.Company;
import io.boucle.cart.VatNumberCheckOutdated;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.inventory.Inventory;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentMethod;
import io.boucle.payment.PaymentRequest;
import io.boucle.payment.PaymentStatus;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.pricing.AppliedPromotion;
import io.boucle.pricing.Pricing;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.boucle.tax.AssessedLine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order from a cart, then takes its payment.
 * <p>
 * Placement is one short transaction: the cart is locked and priced on the server, the order and
 * its lines written, promotion uses recorded, the cart closed and, last, the stock reserved (hot
 * SKUs' rows stay locked for the commit only). The payment is taken after the commit, outside any
 * transaction: a slow provider never holds a connection or a lock. An idempotency key (or, without
 * one, the cart itself) places at most one order; replaying it returns that order and its payment.
 */
@Service
public class Checkout {

    private final Carts carts;
    private final Orders orders;
    private final Payments payments;
    private final Pricing pricing;
    private final Inventory inventory;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Duration paymentWindow;

    Checkout(Carts carts, Orders orders, Payments payments, Pricing pricing, Inventory inventory, Clock clock,
            PlatformTransactionManager transactions, @Value("${boucle.checkout.payment-window:PT30M}") Duration paymentWindow) {
        this.carts = carts;
        this.orders = orders;
        this.payments = payments;
        this.pricing = pricing;
        this.inventory = inventory;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.paymentWindow = paymentWindow;
    }

    /**
     * Places the cart's order and pays it.
     *
     * @param acceptTerms    the shopper ticked the terms of sale themselves; anything else refuses
     * @param idempotencyKey may be null: the cart is then the key (a cart is ordered once)
     */
    public CheckoutResult place(CartId cartId, Boolean acceptTerms, PaymentMethod method, String idempotencyKey) {
        return place(cartId, acceptTerms, method, idempotencyKey, null);
    }

    /**
     * Places the cart's order and pays it, provided it costs what the shopper confirmed.
     *
     * @param acceptTerms    the shopper ticked the terms of sale themselves; anything else refuses
     * @param idempotencyKey may be null: the cart is then the key (a cart is ordered once)
     * @param confirmedTotal the total the shopper was shown and confirmed, or null not to check it: when the
     *                       server's total in the cart's currency differs, {@link PricesChanged} and nothing written
     */
    public CheckoutResult place(CartId cartId, Boolean acceptTerms, PaymentMethod method, String idempotencyKey,
            Money confirmedTotal) {
        if (!Boolean.TRUE.equals(acceptTerms)) {
            throw new InvalidField("acceptTerms", "the terms of sale must be accepted to order");
        }
        if (method == null) {
            throw new InvalidField("payment", "is required");
        }
        try {
            payments.check(method);
        } catch (IllegalArgumentException e) {
            throw new InvalidField("payment", e.getMessage());
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        String key = idempotencyKey == null ? "cart:" + cartId : idempotencyKey;
        String requestHash = sha256(cartId + "|" + method);
        Placement placement;
        try {
            placement = placeOrFind(cartId, key, requestHash, method, confirmedTotal);
        } catch (DuplicateKeyException | CartAlreadyOrdered e) {
            // The same key (or cart) placed its order meanwhile, from a concurrent request.
            Orders.PlacedUnderKey placed = orders.findByIdempotencyKey(key).orElseThrow(() -> e);
            return replay(placed, key, requestHash, method, confirmedTotal);
        }
        if (placement.earlier() != null) {
            return replay(placement.earlier(), key, requestHash, method, confirmedTotal);
        }
        return pay(placement.order(), method, "checkout:" + placement.order().number());
    }

    /** Another payment attempt for an order still awaiting payment (after a decline, or another method). */
    public CheckoutResult retryPayment(OrderNumber number, String accessToken, PaymentMethod method, String idempotencyKey) {
        OrderView order = orders.view(number, accessToken);
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw new IllegalStateException("order " + number + " is " + order.status() + ": it awaits no payment");
        }
        try {
            payments.check(method);
        } catch (IllegalArgumentException e) {
            throw new InvalidField("payment", e.getMessage());
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        return pay(order, method, "retry:" + number + ":" + idempotencyKey);
    }

    /**
     * The order and its latest payment when the shopper comes back from the provider's pages: a
     * captured payment pays the order now, without waiting for the provider's notification.
     */
    public CheckoutResult status(OrderNumber number, String accessToken) {
        OrderView order = orders.view(number, accessToken);
        List<PaymentView> attempts = payments.forReference(number.value());
        PaymentView latest = attempts.isEmpty() ? null : attempts.getLast();
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            Optional<PaymentView> captured = attempts.stream().filter(payment -> payment.status() == PaymentStatus.CAPTURED).findFirst();
            if (captured.isPresent()) {
                order = orders.markPaid(number, captured.get().id().toString());
                latest = captured.get();
            }
        }
        return new CheckoutResult(order, latest);
    }

    /** A new order, or the one placed earlier under the same key. */
    private record Placement(OrderView order, Orders.PlacedUnderKey earlier) {
    }

    private Placement placeOrFind(CartId cartId, String key, String requestHash, PaymentMethod method, Money confirmedTotal) {
        try {
            return placeOrFindInTransaction(cartId, key, requestHash, method, confirmedTotal);
        } catch (VatNumberCheckOutdated outdated) {
            // The buyer's VAT number was checked another day: checked again (the service may be slow, so outside the
            // transaction), then the cart is priced on today's answer. Once: the answer kept is today's.
            carts.renewVatNumberCheck(cartId);
            return placeOrFindInTransaction(cartId, key, requestHash, method, confirmedTotal);
        }
    }

    private Placement placeOrFindInTransaction(CartId cartId, String key, String requestHash, PaymentMethod method,
            Money confirmedTotal) {
        // One transaction, one connection: the key is looked up, then the order placed.
        return transaction.execute(status -> orders.findByIdempotencyKey(key)
                .map(earlier -> new Placement(null, earlier))
                .orElseGet(() -> new Placement(placeInTransaction(cartId, key, requestHash, method, confirmedTotal), null)));
    }

    private OrderView placeInTransaction(CartId cartId, String key, String requestHash, PaymentMethod method,
            Money confirmedTotal) {
        CheckoutQuote quote = carts.quoteForCheckout(cartId);
        CartView cart = quote.cart();
        requireReady(cart);
        // Priced on the server, nothing written yet: the order charges what the shopper confirmed, or is not placed.
        Money total = cart.charge().totals().total();
        if (confirmedTotal != null && !confirmedTotal.equals(total)) {
            throw new PricesChanged(confirmedTotal, total);
        }
        Instant now = Instant.now(clock);
        OrderView order = orders.place(newOrder(quote, key, requestHash, method), paymentWindow);
        if (!quote.priced().applied().isEmpty()) {
            pricing.redeem(order.number().value(), cart.customer().email().value(), quote.priced(), now);
        }
        carts.markOrdered(cartId, order.number().value());
        Map<String, Integer> quantities = new LinkedHashMap<>();
        cart.lines().forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
        inventory.reserve(order.number().value(), quantities, order.paymentDeadline());
        return order;
    }

    private static void requireReady(CartView cart) {
        List<String> problems = new ArrayList<>();
        if (cart.isEmpty()) {
            problems.add("the cart is empty");
        }
        cart.problems().forEach(problem -> problems.add("'" + problem.sku() + "' is no longer sold"));
        if (cart.customer() == null) {
            problems.add("the cart has no customer details (email and shipping address)");
        }
        if (cart.delivery() == null && !cart.isEmpty()) {
            problems.add("no delivery option serves " + cart.country().value());
        } else if (cart.delivery() != null && !cart.delivery().chosen()) {
            problems.add("no delivery option was chosen");
        } else if (cart.delivery() != null && cart.delivery().quote().pickupPointRequired() && cart.delivery().pickupPoint() == null) {
            problems.add("the delivery option needs a pickup point");
        }
        if (!problems.isEmpty()) {
            throw new CheckoutBlocked("the cart cannot be ordered yet: " + String.join("; ", problems), problems);
        }
    }

    /**
     * The order of a priced cart, in the cart's currency: the VAT assessment converted at the rate in force
     * (see {@code VatAssessment#convertedAt}), each line's total the converted price it is charged, its unit price
     * and the delivery prices converted from their euro figures, and the totals the cart showed in that currency.
     * For the euro, the figures are the cart's own.
     */
    private NewOrder newOrder(CheckoutQuote quote, String key, String requestHash, PaymentMethod method) {
        CartView cart = quote.cart();
        ExchangeRate rate = cart.charge().rate();
        List<NewOrder.Line> lines = cart.lines().stream().map(line -> {
            AssessedLine assessed = quote.charged().line(line.id());
            Money total = rate.isIdentity() ? line.total().minus(line.discount()) : assessed.total().inclVat();
            Money discount = rate.isIdentity() ? line.discount() : rate.fromEuros(line.total()).minus(total);
            return new NewOrder.Line(line.sku(), line.productSlug(), line.title().in(cart.locale()), line.quantity(),
                    convert(rate, line.unitPrice()), discount, total, assessed.rate().value(), line.secondHand());
        }).toList();
        CartView.Totals totals = cart.charge().totals();
        DeliveryQuote delivery = cart.delivery().quote();
        String pickupPoint = cart.delivery().pickupPoint() == null ? null : describe(cart.delivery().pickupPoint());
        Company company = cart.customer().company();
        Map<String, String> positions = new LinkedHashMap<>();
        for (int index = 0; index < cart.lines().size(); index++) {
            positions.put(cart.lines().get(index).id(), NewOrder.position(index));
        }
        return new NewOrder(cart.id().value(), key, requestHash, cart.customer().email(), cart.locale(),
                address(cart.customer().shipping()), address(cart.customer().billingAddress()),
                company == null ? null : new NewOrder.Company(company.name(), company.vatNumber(), company.siren(),
                        cart.vatNumberCheck()),
                new NewOrder.DeliveryChoice(delivery.code(), delivery.kind().name(), delivery.label(),
                        convert(rate, delivery.price()), convert(rate, delivery.standardPrice()), delivery.earliest(),
                        delivery.latest(), pickupPoint),
                lines,
                new NewOrder.Totals(totals.subtotal(), totals.discount(), totals.delivery(),
                        totals.vat().stream().map(vat -> new NewOrder.VatLine(vat.rate(), vat.base(), vat.amount())).toList(),
                        totals.totalVat(), totals.total()),
                quote.priced().applied().stream().map(Checkout::describe).toList(), kind(method), cart.customerId(),
                quote.charged().withReferences(positions), rate, quote.vat().withReferences(positions),
                quote.saleDate());
    }

    private static Money convert(ExchangeRate rate, Money euros) {
        return euros == null || rate.isIdentity() ? euros : rate.fromEuros(euros);
    }

    private CheckoutResult replay(Orders.PlacedUnderKey placed, String key, String requestHash, PaymentMethod method,
            Money confirmedTotal) {
        // A confirmed total other than the order's is another request under the same key.
        if (!requestHash.equals(placed.requestHash())
                || confirmedTotal != null && !confirmedTotal.equals(placed.order().totals().total())) {
            throw new IdempotencyKeyReused(key);
        }
        return pay(placed.order(), method, "checkout:" + placed.order().number());
    }

    private CheckoutResult pay(OrderView order, PaymentMethod method, String paymentKey) {
        // A path of the shop: the shopper comes back to the address they are shopping at (a provider
        // on another site resolves it against the public address), and the pages' form-action 'self' allows it.
        String returnUrl = "/commande/" + order.number() + "?t=" + order.accessToken();
        PaymentView payment = payments.pay(new PaymentRequest(order.number().value(), order.totals().total(), method,
                order.email(), returnUrl, paymentKey));
        OrderView current = order;
        if (payment.status() == PaymentStatus.CAPTURED && order.status() == OrderStatus.AWAITING_PAYMENT) {
            current = orders.markPaid(order.number(), payment.id().toString());
        }
        return new CheckoutResult(current, payment);
    }

    private static NewOrder.Address address(Address address) {
        return new NewOrder.Address(address.name(), address.line1(), address.line2(), address.postalCode(), address.city(),
                address.country().value());
    }

    private static String describe(io.boucle.fulfilment.PickupPoint point) {
        return point.name() + ", " + point.line1() + ", " + point.postalCode() + " " + point.city() + " (" + point.id() + ")";
    }

    private static String describe(AppliedPromotion promotion) {
        return (promotion.code() == null ? "" : promotion.code() + " — ") + promotion.label().fr() + " : −" + promotion.amount();
    }

    static String kind(PaymentMethod method) {
        return switch (method) {
            case PaymentMethod.Card card -> "card";
            case PaymentMethod.HostedCard card -> "card";
            case PaymentMethod.Wallet wallet -> "wallet";
            case PaymentMethod.Instalments instalments -> "instalments-" + instalments.count();
            case PaymentMethod.GiftCard giftCard -> "giftcard";
        };
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
