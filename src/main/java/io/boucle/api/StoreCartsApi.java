package io.boucle.api;

import java.util.Currency;
import java.util.List;
import java.util.Locale;

import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.checkout.Checkout;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The buying path for shop fronts and apps: a cart addressed by its unguessable id, priced on the
 * server at every step (prices sent by a client are ignored), then checked out.
 */
@RestController
@RequestMapping("/api/v1/carts")
class StoreCartsApi {

    record NewCart(String currency, String country, String locale) {
    }

    record NewLine(String sku, Integer quantity) {
    }

    record LineChange(Integer quantity) {
    }

    record CustomerDetails(String email, StoreJson.AddressJson shippingAddress, StoreJson.AddressJson billingAddress,
                           StoreJson.CompanyJson company) {
    }

    record DeliveryChoice(String code, String pickupPointId) {
    }

    record DiscountCode(String code) {
    }

    record CurrencyChoice(String currency) {
    }

    /**
     * {@code expectedTotal}, optional: the total the customer was shown and confirmed; when the cart now costs
     * anything else (in the currency it is charged in), nothing is ordered and the answer is a 409 with the new total.
     */
    record CheckoutRequest(Boolean acceptTerms, PaymentRequestJson payment, ApiMoney expectedTotal) {
    }

    private final Carts carts;
    private final Checkout checkout;

    StoreCartsApi(Carts carts, Checkout checkout) {
        this.carts = carts;
        this.checkout = checkout;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a cart, charged in EUR unless another offered currency (GBP, USD, CHF) is given; "
            + "delivery estimated for FR unless another country is given")
    StoreJson.Cart create(@RequestBody(required = false) NewCart request, Locale locale) {
        NewCart body = request == null ? new NewCart(null, null, null) : request;
        Currency currency = body.currency() == null ? null : currency(body.currency());
        Locale cartLocale = body.locale() == null ? locale : Locale.forLanguageTag(body.locale());
        if (!List.of("fr", "en").contains(cartLocale.getLanguage())) {
            cartLocale = Locale.FRENCH;
        }
        return StoreJson.cart(carts.create(currency, country(body.country()), Locale.of(cartLocale.getLanguage())), locale);
    }

    @GetMapping("/{cartId}")
    StoreJson.Cart get(@PathVariable String cartId, Locale locale) {
        return StoreJson.cart(carts.view(CartId.parse(cartId)), locale);
    }

    @PostMapping("/{cartId}/lines")
    @Operation(summary = "Add units of a SKU (checked against the stock)")
    StoreJson.Cart addLine(@PathVariable String cartId, @RequestBody NewLine line, Locale locale) {
        return StoreJson.cart(carts.addLine(CartId.parse(cartId), line.sku(), line.quantity()), locale);
    }

    @PatchMapping("/{cartId}/lines/{lineId}")
    @Operation(summary = "Change a line's quantity; 0 removes it")
    StoreJson.Cart changeLine(@PathVariable String cartId, @PathVariable String lineId, @RequestBody LineChange change,
            Locale locale) {
        return StoreJson.cart(carts.changeQuantity(CartId.parse(cartId), lineId, change.quantity()), locale);
    }

    @DeleteMapping("/{cartId}/lines/{lineId}")
    StoreJson.Cart removeLine(@PathVariable String cartId, @PathVariable String lineId, Locale locale) {
        return StoreJson.cart(carts.removeLine(CartId.parse(cartId), lineId), locale);
    }

    @PutMapping("/{cartId}/customer")
    @Operation(summary = "The buyer's email and addresses (billing defaults to shipping), and a company if buying as one")
    StoreJson.Cart customer(@PathVariable String cartId, @RequestBody CustomerDetails details, Locale locale) {
        if (details.email() == null || !EmailAddress.isValid(details.email().strip())) {
            throw new InvalidField("email", "'" + details.email() + "' is not an email address");
        }
        if (details.shippingAddress() == null) {
            throw new InvalidField("shippingAddress", "is required");
        }
        CartCustomer customer = new CartCustomer(EmailAddress.of(details.email().strip()),
                details.shippingAddress().toAddress("shippingAddress"),
                details.billingAddress() == null ? null : details.billingAddress().toAddress("billingAddress"),
                details.company() == null ? null : details.company().toCompany());
        return StoreJson.cart(carts.setCustomer(CartId.parse(cartId), customer), locale);
    }

    @GetMapping("/{cartId}/delivery-options")
    @Operation(summary = "Every way to deliver the cart, cheapest first, with its price and estimated dates")
    List<StoreJson.DeliveryOption> deliveryOptions(@PathVariable String cartId, Locale locale) {
        return carts.deliveryOptions(CartId.parse(cartId)).stream().map(quote -> StoreJson.DeliveryOption.of(quote, locale)).toList();
    }

    @PutMapping("/{cartId}/delivery")
    StoreJson.Cart delivery(@PathVariable String cartId, @RequestBody DeliveryChoice choice, Locale locale) {
        return StoreJson.cart(carts.chooseDelivery(CartId.parse(cartId), choice.code(), choice.pickupPointId()), locale);
    }

    @PutMapping("/{cartId}/currency")
    @Operation(summary = "The currency the cart is charged in: EUR, or GBP, USD or CHF at the reference rate in force today")
    StoreJson.Cart currency(@PathVariable String cartId, @RequestBody CurrencyChoice choice, Locale locale) {
        if (choice == null || choice.currency() == null) {
            throw new InvalidField("currency", "is required");
        }
        return StoreJson.cart(carts.chooseCurrency(CartId.parse(cartId), currency(choice.currency())), locale);
    }

    @PostMapping("/{cartId}/discount-codes")
    @Operation(summary = "Apply a discount code; one that does not apply is refused with the reason")
    StoreJson.Cart discountCode(@PathVariable String cartId, @RequestBody DiscountCode code, Locale locale) {
        return StoreJson.cart(carts.addDiscountCode(CartId.parse(cartId), code.code()), locale);
    }

    @DeleteMapping("/{cartId}/discount-codes/{code}")
    StoreJson.Cart removeDiscountCode(@PathVariable String cartId, @PathVariable String code, Locale locale) {
        return StoreJson.cart(carts.removeDiscountCode(CartId.parse(cartId), code), locale);
    }

    @PostMapping("/{cartId}/checkout")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place the order and pay it; the same Idempotency-Key (or the same cart) places one order, once")
    StoreJson.Placed checkout(@PathVariable String cartId, @RequestBody CheckoutRequest request,
            @Parameter(description = "any unique string per order attempt") @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Locale locale) {
        return StoreJson.placed(checkout.place(CartId.parse(cartId), request.acceptTerms(),
                PaymentRequestJson.method(request.payment()), idempotencyKey, expectedTotal(request.expectedTotal())), locale);
    }

    /** The confirmed total, if the client sent one: {@code {"amount": "12.50", "currency": "EUR"}}. */
    private static Money expectedTotal(ApiMoney expected) {
        if (expected == null) {
            return null;
        }
        if (expected.amount() == null || !expected.amount().strip().matches("-?\\d{1,15}(\\.\\d{1,4})?")) {
            throw new InvalidField("expectedTotal.amount", "is required: a decimal number such as 12.50");
        }
        if (expected.currency() == null || !expected.currency().matches("[A-Z]{3}")) {
            throw new InvalidField("expectedTotal.currency", "is required: an ISO 4217 code such as EUR");
        }
        try {
            return Money.of(new java.math.BigDecimal(expected.amount().strip()), Currency.getInstance(expected.currency()));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("expectedTotal.currency", "'" + expected.currency() + "' is not an ISO 4217 currency code");
        }
    }

    private static Currency currency(String code) {
        String normalised = code.strip().toUpperCase(Locale.ROOT);
        if (!normalised.matches("[A-Z]{3}")) {
            throw new InvalidField("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
        try {
            return Currency.getInstance(normalised);
        } catch (IllegalArgumentException e) {
            throw new InvalidField("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    private static CountryCode country(String country) {
        if (country == null) {
            return null;
        }
        String code = country.strip().toUpperCase(Locale.ROOT);
        if (!CountryCode.isValid(code)) {
            throw new InvalidField("country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return CountryCode.of(code);
    }
}
