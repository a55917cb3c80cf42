package io.boucle.api;

import java.util.List;
import java.util.Locale;

import io.boucle.checkout.Checkout;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.returns.ReturnRequest;
import io.boucle.returns.Returns;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A buyer's order, seen with the access token returned at checkout; a declined payment can be tried again. */
@RestController
@RequestMapping("/api/v1/orders")
class StoreOrdersApi {

    record Retry(PaymentRequestJson payment) {
    }

    /** What a cancellation for late delivery did. */
    record LateCancellationJson(String orderNumber, String status, ApiMoney refunded, ApiMoney refundDue,
                                java.time.LocalDate refundDueBy) {
    }

    private final Checkout checkout;
    private final Invoicing invoicing;
    private final io.boucle.fulfilment.Fulfilment fulfilment;
    private final Orders orders;
    private final Returns returns;

    StoreOrdersApi(Checkout checkout, Invoicing invoicing, io.boucle.fulfilment.Fulfilment fulfilment, Orders orders,
            Returns returns) {
        this.checkout = checkout;
        this.invoicing = invoicing;
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.returns = returns;
    }

    @GetMapping("/{number}")
    @Operation(summary = "The order, with its latest payment; a wrong token answers 404")
    StoreJson.Placed get(@PathVariable String number, @RequestParam(required = false) String accessToken, Locale locale) {
        var result = checkout.status(new OrderNumber(number), accessToken);
        List<ShipmentJson> shipments = result.order().awaitingPayment() ? List.of()
                : fulfilment.forOrder(result.order().number()).map(order -> order.shipments().stream().map(ShipmentJson::of).toList())
                .orElse(List.of());
        return new StoreJson.Placed(StoreJson.order(result.order(), locale, false, false,
                StoreInvoicesApi.links(invoicing, result.order().number().value(), accessToken)).withShipments(shipments)
                .withWithdrawalDeadline(returns.withdrawalDeadline(result.order().number()).orElse(null)),
                StoreJson.payment(result.payment()));
    }

    /** @param lines what to withdraw from; none: every line that may be withdrawn, in full */
    record WithdrawalBody(List<ReturnsJson.Item> lines, String reason) {
    }

    @PostMapping("/{number}/withdrawal")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Withdraw from the order (the online withdrawal function, Code de la consommation L221-18): "
            + "all of it, or some lines; answered with the date and time of the withdrawal, also emailed. After the "
            + "withdrawal period: 409; a line excluded from withdrawal or a quantity above what is left: 422")
    ReturnsJson.Return withdraw(@PathVariable String number, @RequestParam(required = false) String accessToken,
            @RequestBody(required = false) WithdrawalBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var order = orders.view(new OrderNumber(number), accessToken);
        WithdrawalBody request = body == null ? new WithdrawalBody(List.of(), null) : body;
        return ReturnsJson.of(returns.withdraw(order, new ReturnRequest(ReturnsJson.items(request.lines()), request.reason()),
                "API", idempotencyKey));
    }

    @PostMapping("/{number}/returns")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask to return lines with a defect, under the legal guarantee of conformity (2 years from "
            + "delivery); the reason describes the defect. The return instructions are emailed")
    ReturnsJson.Return reportDefect(@PathVariable String number, @RequestParam(required = false) String accessToken,
            @RequestBody WithdrawalBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var order = orders.view(new OrderNumber(number), accessToken);
        return ReturnsJson.of(returns.reportDefect(order, new ReturnRequest(ReturnsJson.items(body.lines()), body.reason()),
                "API", idempotencyKey));
    }

    @PostMapping("/{number}/late-cancellation")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Cancel an order not delivered by its promised date (Code de la consommation L216-6): "
            + "everything paid, items and delivery, is refunded within 14 days. 400 when it is not late or delivered")
    LateCancellationJson cancelLate(@PathVariable String number, @RequestParam(required = false) String accessToken) {
        io.boucle.order.OrderView order = orders.view(new OrderNumber(number), accessToken);
        io.boucle.fulfilment.Fulfilment.LateCancellation done = fulfilment.cancelForLateDelivery(order.number());
        io.boucle.shared.Money refunded = done.cancellation().refunds().stream().filter(refund -> !refund.failed())
                .map(io.boucle.payment.Refund::amount).reduce(io.boucle.shared.Money::plus)
                .orElse(io.boucle.shared.Money.zero(order.totals().total().currency()));
        return new LateCancellationJson(order.number().value(), done.cancellation().order().status().name(),
                ApiMoney.of(refunded), ApiMoney.of(done.cancellation().refundDue()), done.refundDueBy());
    }

    @PostMapping("/{number}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Try the payment again (after a decline) with the same or another method")
    StoreJson.Placed retry(@PathVariable String number, @RequestParam(required = false) String accessToken,
            @RequestBody Retry retry, @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Locale locale) {
        return StoreJson.placed(checkout.retryPayment(new OrderNumber(number), accessToken,
                PaymentRequestJson.method(retry.payment()), idempotencyKey), locale);
    }
}
