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

    private final Checkout checkout;
    private final Invoicing invoicing;
    private final Orders orders;
    private final Returns returns;

    StoreOrdersApi(Checkout checkout, Invoicing invoicing, Orders orders, Returns returns) {
        this.checkout = checkout;
        this.invoicing = invoicing;
        this.orders = orders;
        this.returns = returns;
    }

    @GetMapping("/{number}")
    @Operation(summary = "The order, with its latest payment; a wrong token answers 404")
    StoreJson.Placed get(@PathVariable String number, @RequestParam(required = false) String accessToken, Locale locale) {
        var result = checkout.status(new OrderNumber(number), accessToken);
        return new StoreJson.Placed(StoreJson.order(result.order(), locale, false, false,
                StoreInvoicesApi.links(invoicing, result.order().number().value(), accessToken))
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
