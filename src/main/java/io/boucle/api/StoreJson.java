package io.boucle.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.boucle.cart.Address;
import io.boucle.cart.CartView;
import io.boucle.cart.Company;
import io.boucle.checkout.CheckoutResult;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.fulfilment.PickupPoint;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderView;
import io.boucle.payment.PaymentView;

/** The store API's answers: carts, delivery options, orders and payments, as API.md describes them. */
final class StoreJson {

    private StoreJson() {
    }

    record AddressJson(String name, String line1, String line2, String postalCode, String city, String country) {

        static AddressJson of(Address address) {
            return address == null ? null : new AddressJson(address.name(), address.line1(), address.line2(),
                    address.postalCode(), address.city(), address.country().value());
        }

        static AddressJson of(NewOrder.Address address) {
            return address == null ? null : new AddressJson(address.name(), address.line1(), address.line2(),
                    address.postalCode(), address.city(), address.country());
        }

        Address toAddress(String field) {
            try {
                return Address.of(name, line1, line2, postalCode, city, country);
            } catch (io.boucle.shared.InvalidField e) {
                throw new io.boucle.shared.InvalidField(field + "." + e.field(), e.reason());
            }
        }
    }

    record CompanyJson(String name, String vatNumber, String siren) {

        Company toCompany() {
            return new Company(name, vatNumber, siren);
        }
    }

    record Line(String id, String sku, String productSlug, String title, int quantity, ApiMoney unitPrice,
                ApiMoney discount, ApiMoney total, int available, boolean secondHand) {
    }

    record VatLine(BigDecimal rate, ApiMoney base, ApiMoney amount) {
    }

    record Totals(ApiMoney subtotal, ApiMoney discount, ApiMoney delivery, List<VatLine> vat, ApiMoney totalVat,
                  ApiMoney total) {
    }

    record Estimate(LocalDate from, LocalDate to) {
    }

    record PickupPointJson(String id, String name, String line1, String postalCode, String city, String country,
                           String openingHours) {

        static PickupPointJson of(PickupPoint point) {
            return point == null ? null : new PickupPointJson(point.id(), point.name(), point.line1(), point.postalCode(),
                    point.city(), point.country().value(), point.openingHours());
        }
    }

    record DeliveryOption(String code, String kind, String label, ApiMoney price, Estimate estimatedDelivery,
                          boolean pickupPointRequired) {

        static DeliveryOption of(DeliveryQuote quote, Locale locale) {
            return new DeliveryOption(quote.code(), quote.kind().name(), quote.label().in(locale), ApiMoney.of(quote.price()),
                    new Estimate(quote.earliest(), quote.latest()), quote.pickupPointRequired());
        }
    }

    record ChosenDelivery(String code, String kind, String label, ApiMoney price, Estimate estimatedDelivery,
                          boolean pickupPointRequired, PickupPointJson pickupPoint, boolean chosen) {
    }

    record Customer(String email, AddressJson shippingAddress, AddressJson billingAddress, CompanyJson company) {
    }

    record Promotion(String code, String label, ApiMoney amount) {
    }

    record Problem(String lineId, String sku, String code, int available) {
    }

    /** A reference rate: one euro buys {@code rate} units of {@code currency}, as published for {@code date}. */
    record ExchangeRateJson(String currency, BigDecimal rate, LocalDate date) {

        static ExchangeRateJson of(io.boucle.shared.ExchangeRate rate) {
            return rate == null || rate.isIdentity() ? null
                    : new ExchangeRateJson(rate.currency().getCurrencyCode(), rate.rate(), rate.date());
        }
    }

    /**
     * @param currency        the currency the cart is charged in
     * @param lines           in euros: catalog prices, or the prices the delivery country is charged (see CartView.Line)
     * @param totals          in {@code currency}: what the order would be charged
     * @param exchangeRate    the rate in force today the totals are converted at; null for EUR
     * @param totalsInEuros   the euro totals the converted ones come from (VAT is assessed in euros); null for EUR
     */
    record Cart(String id, String status, String currency, String country, String locale, List<Line> lines, Totals totals,
                ChosenDelivery deliveryOption, Customer customer, List<String> discountCodes, List<Promotion> promotions,
                List<Problem> problems, boolean readyForCheckout, Instant lastActivityAt, ExchangeRateJson exchangeRate,
                Totals totalsInEuros, VatNumberCheckJson vatNumberCheck, String vatNote) {
    }

    /** @param consultation the consultation number VIES gave, the proof of the check; null when none */
    record VatNumberCheckJson(String vatNumber, String status, Instant checkedAt, String source, String consultation) {

        static VatNumberCheckJson of(io.boucle.tax.VatNumberVerdict verdict) {
            return verdict == null ? null : new VatNumberCheckJson(verdict.vatNumber(), verdict.status().name(),
                    verdict.checkedAt(), verdict.source(), verdict.consultation());
        }
    }

    static Totals totals(CartView.Totals totals) {
        return new Totals(ApiMoney.of(totals.subtotal()), ApiMoney.of(totals.discount()), ApiMoney.of(totals.delivery()),
                totals.vat().stream().map(vat -> new VatLine(vat.rate(), ApiMoney.of(vat.base()), ApiMoney.of(vat.amount()))).toList(),
                ApiMoney.of(totals.totalVat()), ApiMoney.of(totals.total()));
    }

    static Cart cart(CartView cart, Locale locale) {
        return new Cart(cart.id().toString(), cart.open() ? "OPEN" : "ORDERED", cart.currency().getCurrencyCode(),
                cart.country().value(), cart.locale().toLanguageTag(),
                cart.lines().stream().map(line -> new Line(line.id(), line.sku(), line.productSlug(), line.title().in(locale),
                        line.quantity(), ApiMoney.of(line.unitPrice()), ApiMoney.of(line.discount()), ApiMoney.of(line.total()),
                        line.available(), line.secondHand())).toList(),
                totals(cart.charge().totals()),
                cart.delivery() == null ? null : chosen(cart.delivery(), locale),
                cart.customer() == null ? null : new Customer(cart.customer().email().value(),
                        AddressJson.of(cart.customer().shipping()), AddressJson.of(cart.customer().billing()),
                        cart.customer().company() == null ? null : new CompanyJson(cart.customer().company().name(),
                                cart.customer().company().vatNumber(), cart.customer().company().siren())),
                cart.discountCodes(),
                cart.promotions().stream().map(promotion -> new Promotion(promotion.code(), promotion.label().in(locale),
                        ApiMoney.of(promotion.amount()))).toList(),
                cart.problems().stream().map(problem -> new Problem(problem.lineId(), problem.sku(), problem.code(),
                        problem.available())).toList(),
                cart.readyForCheckout(), cart.lastActivityAt(), ExchangeRateJson.of(cart.charge().rate()),
                cart.charge().converted() ? totals(cart.totals()) : null, VatNumberCheckJson.of(cart.vatNumberCheck()),
                cart.vatNote());
    }

    private static ChosenDelivery chosen(CartView.Delivery delivery, Locale locale) {
        DeliveryQuote quote = delivery.quote();
        return new ChosenDelivery(quote.code(), quote.kind().name(), quote.label().in(locale), ApiMoney.of(quote.price()),
                new Estimate(quote.earliest(), quote.latest()), quote.pickupPointRequired(),
                PickupPointJson.of(delivery.pickupPoint()), delivery.chosen());
    }

    record OrderLine(String sku, String productSlug, String title, int quantity, ApiMoney unitPrice, ApiMoney discount,
                     ApiMoney total, BigDecimal vatRate, boolean secondHand) {
    }

    record OrderDelivery(String code, String kind, String label, ApiMoney price, Estimate estimatedDelivery,
                         String pickupPoint) {
    }

    record InvoiceLink(String number, String pdfUrl, String xmlUrl) {
    }

    record TimelineEntry(Instant at, String kind, String detail) {
    }

    record Order(String number, String status, String email, List<OrderLine> lines, Totals totals, OrderDelivery delivery,
                 AddressJson shippingAddress, AddressJson billingAddress, CompanyJson company, List<String> promotions,
                 String paymentMethod, Instant placedAt, Instant paidAt, Instant paymentDeadline, Instant cancelledAt,
                 String cancelReason, List<InvoiceLink> invoices, List<Object> shipments, LocalDate withdrawalDeadline,
                 String accessToken, List<TimelineEntry> timeline, String currency, ExchangeRateJson exchangeRate) {

        /** The same order with the last day of its withdrawal period (known once its goods were received). */
        Order withWithdrawalDeadline(LocalDate deadline) {
            return new Order(number, status, email, lines, totals, delivery, shippingAddress, billingAddress, company,
                    promotions, paymentMethod, placedAt, paidAt, paymentDeadline, cancelledAt, cancelReason, invoices,
                    shipments, deadline, accessToken, timeline, currency, exchangeRate);
        }

        /** The same order with its parcels. */
        Order withShipments(List<?> parcels) {
            return new Order(number, status, email, lines, totals, delivery, shippingAddress, billingAddress, company, promotions,
                    paymentMethod, placedAt, paidAt, paymentDeadline, cancelledAt, cancelReason, invoices, List.copyOf(parcels),
                    withdrawalDeadline, accessToken, timeline, currency, exchangeRate);
        }
    }

    /** @param withTimeline the staff's view adds the timeline */
    static Order order(OrderView order, Locale locale, boolean withToken, boolean withTimeline, List<InvoiceLink> invoices) {
        NewOrder.Totals totals = order.totals();
        return new Order(order.number().value(), order.status().name(), order.email(),
                order.lines().stream().map(line -> new OrderLine(line.sku(), line.productSlug(), line.title(), line.quantity(),
                        ApiMoney.of(line.unitPrice()), ApiMoney.of(line.discount()), ApiMoney.of(line.total()), line.vatRate(),
                        line.secondHand())).toList(),
                new Totals(ApiMoney.of(totals.subtotal()), ApiMoney.of(totals.discount()), ApiMoney.of(totals.delivery()),
                        totals.vat().stream().map(vat -> new VatLine(vat.rate(), ApiMoney.of(vat.base()), ApiMoney.of(vat.amount()))).toList(),
                        ApiMoney.of(totals.totalVat()), ApiMoney.of(totals.total())),
                new OrderDelivery(order.delivery().code(), order.delivery().kind(), order.delivery().label().in(locale),
                        ApiMoney.of(order.delivery().price()), new Estimate(order.delivery().earliest(), order.delivery().latest()),
                        order.delivery().pickupPoint()),
                AddressJson.of(order.shipping()), AddressJson.of(order.billing()),
                order.company() == null ? null : new CompanyJson(order.company().name(), order.company().vatNumber(),
                        order.company().siren()),
                order.promotions(), order.paymentMethod(), order.placedAt(), order.paidAt(), order.paymentDeadline(),
                order.cancelledAt(), order.cancelReason(), invoices, List.of(), null,
                withToken ? order.accessToken() : null,
                withTimeline ? order.timeline().stream().map(entry -> new TimelineEntry(entry.at(), entry.kind(), entry.detail())).toList()
                        : null, order.currency(), ExchangeRateJson.of(order.exchangeRate()));
    }

    record NextAction(String type, String redirectUrl) {
    }

    record Instalment(int number, LocalDate dueDate, ApiMoney amount) {
    }

    record Payment(String id, String status, String method, ApiMoney amount, ApiMoney refunded, String declineCode,
                   NextAction nextAction, String cardBrand, String cardLast4, boolean challenged, List<Instalment> schedule) {
    }

    static Payment payment(PaymentView payment) {
        return payment == null ? null : new Payment(payment.id().toString(), payment.status().name(), payment.method(),
                ApiMoney.of(payment.amount()), ApiMoney.of(payment.refunded()), payment.declineCode(),
                payment.redirectUrl() == null ? null : new NextAction("redirect", payment.redirectUrl()),
                payment.cardBrand(), payment.cardLast4(), payment.challenged(),
                payment.schedule().stream().map(instalment -> new Instalment(instalment.number(), instalment.dueDate(),
                        ApiMoney.of(instalment.amount()))).toList());
    }

    record Placed(Order order, Payment payment) {
    }

    static Placed placed(CheckoutResult result, Locale locale) {
        return new Placed(order(result.order(), locale, true, false, List.of()), payment(result.payment()));
    }
}
