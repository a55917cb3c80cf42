package io.boucle.api;

import java.util.List;
import java.util.Locale;

import io.boucle.checkout.Checkout;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
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

    StoreOrdersApi(Checkout checkout, Invoicing invoicing) {
        this.checkout = checkout;
        this.invoicing = invoicing;
    }

    @GetMapping("/{number}")
    @Operation(summary = "The order, with its latest payment; a wrong token answers 404")
    StoreJson.Placed get(@PathVariable String number, @RequestParam(required = false) String accessToken, Locale locale) {
        var result = checkout.status(new OrderNumber(number), accessToken);
        return new StoreJson.Placed(StoreJson.order(result.order(), locale, false, false,
                StoreInvoicesApi.links(invoicing, result.order().number().value(), accessToken)),
                StoreJson.payment(result.payment()));
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
