package io.boucle.invoicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.boucle.order.NewOrder;
import io.boucle.order.OrderExchange;
import io.boucle.order.OrderView;
import io.boucle.tax.AssessedLine;
import io.boucle.tax.SupplyKind;
import io.boucle.tax.VatAssessment;

/**
 * The invoice request of a paid order, from the order as it was placed: its buyer (billing address,
 * company, SIREN and VAT number), its lines with the VAT assessment it was priced with, its delivery
 * charge, and the payment it received. Pure: no database, no clock.
 *
 * <p>Invoice lines are known by SKU (EN 16931 BT-155), or by SKU and position when an order has a SKU
 * on two lines. A line's description is its title as the buyer saw it, with the discount it received
 * (CGI ann. II art. 242 nonies A I 9°: rebates and discounts granted on the sale): prices on the invoice
 * are what was charged, after discounts.
 */
final class OrderInvoices {

    private OrderInvoices() {
    }

    static InvoiceRequest request(OrderView order, VatAssessment orderVat) {
        return request(order, orderVat, Optional.empty());
    }

    /**
     * @param exchange for an order charged in another currency than the euro, its rate and its assessment in euros:
     *                 the invoice states that rate and, as its VAT total in euros (BT-111), the VAT of that assessment
     */
    static InvoiceRequest request(OrderView order, VatAssessment orderVat, Optional<OrderExchange> exchange) {
        List<NewOrder.Line> lines = order.lines();
        Set<String> skus = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        lines.forEach(line -> {
            if (!skus.add(line.sku())) {
                repeated.add(line.sku());
            }
        });
        Map<String, String> references = new HashMap<>();
        List<InvoiceRequest.Item> items = new java.util.ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            NewOrder.Line line = lines.get(index);
            String position = NewOrder.position(index);
            String reference = repeated.contains(line.sku()) ? line.sku() + "/" + position : line.sku();
            references.put(position, reference);
            items.add(new InvoiceRequest.Item(reference, description(line, orderVat.line(position)), SupplyKind.GOODS));
        }
        VatAssessment vat = orderVat.withReferences(references);
        Currency currency = Currency.getInstance(order.currency());
        NewOrder.Address billing = order.billing();
        PostalAddress billingAddress = address(billing);
        NewOrder.Company company = order.company();
        InvoiceBuyer buyer = company == null ? InvoiceBuyer.consumer(billing.name(), billingAddress)
                : InvoiceBuyer.business(billing.name(), company.name(), billingAddress, company.siren(), company.vatNumber());
        PostalAddress shipping = address(order.shipping());
        Optional<PostalAddress> deliveryAddress = shipping.equals(billingAddress) ? Optional.empty() : Optional.of(shipping);
        Optional<InvoicePayment> payment = Optional.ofNullable(order.paidAt()).map(paidAt -> new InvoicePayment(
                LocalDate.ofInstant(paidAt, InvoiceContent.FRANCE), PaymentMeans.ofOrderPaymentMethod(order.paymentMethod()),
                order.totals().total()));
        Optional<TaxCurrency> taxCurrency = exchange.map(converted -> new TaxCurrency(converted.rate(),
                converted.vatInEuros().totals().vat()));
        return new InvoiceRequest(order.number().value(), Optional.empty(), buyer, deliveryAddress, currency, vat, items,
                vat.delivery().isEmpty() ? Optional.empty() : Optional.of(order.delivery().label().fr()), payment, taxCurrency);
    }

    /**
     * The title, with the quantity when the VAT engine charged the line as one unit (a discount that does
     * not divide into whole cents per unit), and the discount granted.
     */
    private static String description(NewOrder.Line line, AssessedLine assessed) {
        StringBuilder text = new StringBuilder(line.title());
        if (assessed.quantity() != line.quantity()) {
            text.append(" (").append(line.quantity()).append(" × ").append(amount(line.unitPrice().amount())).append(' ')
                    .append(line.unitPrice().currency().getCurrencyCode()).append(" TTC)");
        }
        if (line.discount().isPositive()) {
            text.append(" — remise de ").append(amount(line.discount().amount())).append(' ')
                    .append(line.discount().currency().getCurrencyCode()).append(" TTC déduite");
        }
        return text.toString();
    }

    /** 1234.5 as "1234,50", the way French invoices write amounts. */
    private static String amount(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    private static PostalAddress address(NewOrder.Address address) {
        return PostalAddress.of(address.line1(), address.line2(), address.postalCode(), address.city(), address.country());
    }
}
