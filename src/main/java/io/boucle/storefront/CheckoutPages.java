package io.boucle.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.cart.Address;
import io.boucle.cart.CartAlreadyOrdered;
import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.CartView;
import io.boucle.cart.Carts;
import io.boucle.cart.Company;
import io.boucle.cart.DiscountCodeRefused;
import io.boucle.checkout.Checkout;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.checkout.CheckoutBlocked;
import io.boucle.checkout.CheckoutResult;
import io.boucle.checkout.PricesChanged;
import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.inventory.OutOfStock;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentMethod;
import io.boucle.payment.PaymentStatus;
import io.boucle.platform.security.CustomerSessions;
import io.boucle.platform.web.PageFormat;
import io.boucle.pricing.ExchangeRates;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Gone;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The cart and the three checkout steps, usable without JavaScript: review (the cart, editable, the
 * delivery cost shown) → details (email, addresses, delivery, payment method) → confirm (the full
 * recap and the pre-contract information, the terms to accept, "Commande avec obligation de
 * paiement"). Then the order's page, where a declined payment is tried again.
 */
@Controller
class CheckoutPages {

    /** Countries the cart page offers for the delivery estimate; the address form accepts these too. */
    static final List<String> COUNTRIES = List.of("FR", "BE", "LU", "DE", "ES", "IT", "NL", "PT", "AT", "IE", "MC", "CH");

    private final Carts carts;
    private final Checkout checkout;
    private final Delivery delivery;
    private final PageFormat format;
    private final MessageSource messages;
    private final Merchant merchant;
    private final ShopperCart shopperCart;
    private final CustomerSessions sessions;
    private final Customers customers;
    private final Orders orders;
    private final OrderDocuments documents;
    private final io.boucle.returns.Returns returns;
    private final io.boucle.catalog.Catalog catalog;

    CheckoutPages(Carts carts, Checkout checkout, Delivery delivery, PageFormat format, MessageSource messages, Merchant merchant,
            ShopperCart shopperCart, CustomerSessions sessions, Customers customers, Orders orders, OrderDocuments documents,
            io.boucle.returns.Returns returns, io.boucle.catalog.Catalog catalog) {
        this.returns = returns;
        this.catalog = catalog;
        this.shopperCart = shopperCart;
        this.sessions = sessions;
        this.customers = customers;
        this.orders = orders;
        this.documents = documents;
        this.carts = carts;
        this.checkout = checkout;
        this.delivery = delivery;
        this.format = format;
        this.messages = messages;
        this.merchant = merchant;
    }

    // Step 1: the cart

    @GetMapping("/panier")
    String cart(HttpServletRequest request, Model model, Locale locale) {
        Optional<CartView> cart = currentCart(request);
        model.addAttribute("cart", cart.map(found -> view(found, locale)).orElse(null));
        model.addAttribute("countries", countries(locale));
        model.addAttribute("currencies", ExchangeRates.OFFERED.stream().map(java.util.Currency::getCurrencyCode).toList());
        return "storefront/cart";
    }

    @PostMapping("/panier/ajouter")
    String add(@RequestParam String sku, @RequestParam(defaultValue = "1") String quantity, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        CartId id = shopperCart.openForAdding(request, response, locale);
        try {
            carts.addLine(id, sku, parse(quantity));
            redirect.addFlashAttribute("notice", "cart.added");
        } catch (OutOfStock e) {
            redirect.addFlashAttribute("error", message("cart.error.stock", locale, e.available()));
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", fieldMessage(e, locale));
        }
        return "redirect:/panier";
    }

    @PostMapping("/panier/lignes/{lineId}")
    String change(@PathVariable String lineId, @RequestParam(defaultValue = "") String quantity,
            @RequestParam(required = false) String remove, HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        CartId id = requireCart(request);
        try {
            if (remove != null) {
                carts.removeLine(id, lineId);
            } else {
                carts.changeQuantity(id, lineId, parse(quantity));
            }
        } catch (OutOfStock e) {
            redirect.addFlashAttribute("error", message("cart.error.stock", locale, e.available()));
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", fieldMessage(e, locale));
        }
        return "redirect:/panier";
    }

    @PostMapping("/panier/pays")
    String country(@RequestParam String country, HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        try {
            carts.setCountry(requireCart(request), COUNTRIES.contains(country) ? CountryCode.of(country) : null);
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", fieldMessage(e, locale));
        }
        return "redirect:/panier";
    }

    /** The currency the cart is charged in, one of those offered with a rate in force. */
    @PostMapping("/panier/devise")
    String currency(@RequestParam(defaultValue = "") String currency, HttpServletRequest request, RedirectAttributes redirect,
            Locale locale) {
        java.util.Currency chosen = ExchangeRates.OFFERED.stream()
                .filter(offered -> offered.getCurrencyCode().equals(currency)).findFirst().orElse(null);
        try {
            if (chosen == null) {
                throw new InvalidField("currency", "not offered");
            }
            carts.chooseCurrency(requireCart(request), chosen);
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", fieldMessage(e, locale));
        }
        return "redirect:/panier";
    }

    @PostMapping("/panier/code")
    String discountCode(@RequestParam(defaultValue = "") String code, @RequestParam(required = false) String remove,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        CartId id = requireCart(request);
        try {
            if (remove != null) {
                carts.removeDiscountCode(id, remove);
            } else {
                carts.addDiscountCode(id, code);
                redirect.addFlashAttribute("notice", "cart.codeApplied");
            }
        } catch (DiscountCodeRefused e) {
            redirect.addFlashAttribute("error", e.localizedReason().in(locale));
        } catch (InvalidField e) {
            redirect.addFlashAttribute("error", fieldMessage(e, locale));
        }
        return "redirect:/panier";
    }

    // Step 2: details

    @GetMapping("/commande/informations")
    String details(HttpServletRequest request, Model model, Locale locale) {
        CartView cart = currentCart(request).filter(found -> found.open() && !found.isEmpty())
                .orElse(null);
        if (cart == null) {
            return "redirect:/panier";
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", cart.customer() == null ? suggestedDetails(cart) : DetailsForm.of(cart));
        }
        fillDetails(model, cart, (DetailsForm) model.getAttribute("form"), locale);
        return "storefront/checkout-details";
    }

    @PostMapping("/commande/informations")
    String saveDetails(DetailsForm form, HttpServletRequest request, Model model, Locale locale) {
        CartId id = requireCart(request);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            Address shipping = Address.of(form.name(), form.line1(), form.line2(), form.postalCode(), form.city(), form.country());
            Address billing = Boolean.TRUE.equals(form.otherBilling()) ? Address.of(form.billingName(), form.billingLine1(), form.billingLine2(),
                    form.billingPostalCode(), form.billingCity(), form.billingCountry()) : null;
            Company company = form.companyName() == null || form.companyName().isBlank() ? null
                    : new Company(form.companyName(), form.vatNumber(), form.siren());
            if (form.email() == null || !EmailAddress.isValid(form.email().strip())) {
                throw new InvalidField("email", "invalid");
            }
            carts.setCustomer(id, new CartCustomer(EmailAddress.of(form.email().strip()), shipping, billing, company));
        } catch (InvalidField e) {
            errors.put(e.field(), fieldMessage(e, locale));
        }
        if (errors.isEmpty()) {
            try {
                carts.chooseDelivery(id, form.delivery(), form.pickupPoint());
            } catch (InvalidField e) {
                errors.put("pickupPointId".equals(e.field()) ? "pickupPoint" : "delivery", fieldMessage(e, locale));
            }
            try {
                carts.choosePaymentMethod(id, form.paymentMethod(), form.giftCardCode());
            } catch (InvalidField e) {
                errors.put(e.field(), fieldMessage(e, locale));
            }
        }
        if (!errors.isEmpty()) {
            CartView cart = carts.view(id);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            fillDetails(model, cart, form, locale);
            return "storefront/checkout-details";
        }
        return "redirect:/commande/confirmation";
    }

    // Step 3: confirm

    @GetMapping("/commande/confirmation")
    String confirm(HttpServletRequest request, Model model, Locale locale) {
        CartView cart = currentCart(request).filter(CartView::open).orElse(null);
        if (cart == null || !cart.readyForCheckout() || cart.paymentMethod() == null) {
            return cart == null || cart.isEmpty() ? "redirect:/panier" : "redirect:/commande/informations";
        }
        model.addAttribute("cart", view(cart, locale));
        model.addAttribute("merchant", merchant);
        model.addAttribute("exclusions", exclusions(cart, locale));
        model.addAttribute("attempt", UUID.randomUUID().toString());
        return "storefront/checkout-confirm";
    }

    /** Told before the purchase (L221-5): the lines the right of withdrawal does not cover, and why. */
    private List<Map.Entry<String, String>> exclusions(CartView cart, Locale locale) {
        var exclusions = catalog.withdrawalExclusions(cart.lines().stream().map(CartView.Line::sku).toList());
        return cart.lines().stream().filter(line -> exclusions.containsKey(line.sku()))
                .map(line -> Map.entry(line.title().in(locale), exclusions.get(line.sku()).name())).toList();
    }

    /**
     * The order button. {@code confirmedTotal} and {@code confirmedCurrency} are the total the page showed: when the
     * cart costs anything else now (a price, promotion, delivery cost or VAT changed meanwhile), nothing is ordered
     * and the page is shown again with the new total, to confirm again.
     */
    @PostMapping("/commande/valider")
    String place(@RequestParam(required = false) String acceptTerms, @RequestParam String attempt,
            @RequestParam(required = false) String confirmedTotal, @RequestParam(required = false) String confirmedCurrency,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        CartId id = requireCart(request);
        CartView cart = carts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!"on".equals(acceptTerms) && !"true".equals(acceptTerms)) {
            model.addAttribute("termsError", true);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return confirmAgain(cart, attempt, model, locale);
        }
        Money confirmed;
        try {
            confirmed = confirmed(confirmedTotal, confirmedCurrency);
        } catch (IllegalArgumentException e) {
            // A total the page never showed (an altered form): the shopper confirms the total of now.
            return pricesChanged(cart, attempt, model, response, locale);
        }
        CheckoutResult result;
        try {
            result = checkout.place(id, true, method(cart.paymentMethod(), cart.giftCardCode()), "page:" + id + ":" + attempt,
                    confirmed);
        } catch (PricesChanged e) {
            return pricesChanged(carts.find(id).orElse(cart), attempt, model, response, locale);
        } catch (OutOfStock e) {
            redirect.addFlashAttribute("error", message("cart.error.soldOut", locale, e.available()));
            return "redirect:/panier";
        } catch (CheckoutBlocked e) {
            return "redirect:/commande/informations";
        } catch (CartAlreadyOrdered e) {
            return "redirect:/panier";
        }
        CartCookie.clear(request, response);
        request.setAttribute(VisitTracking.PLACED_ORDER, result.order().number().value());
        return redirectAfterPayment(result);
    }

    /** The confirmation page again, re-priced, saying the total changed: the order button must be pressed again. */
    private String pricesChanged(CartView cart, String attempt, Model model, HttpServletResponse response, Locale locale) {
        model.addAttribute("pricesChanged", true);
        response.setStatus(HttpStatus.CONFLICT.value());
        return confirmAgain(cart, attempt, model, locale);
    }

    /** The confirmation page again, with the cart as it is priced now. */
    private String confirmAgain(CartView cart, String attempt, Model model, Locale locale) {
        model.addAttribute("cart", view(cart, locale));
        model.addAttribute("merchant", merchant);
        model.addAttribute("exclusions", exclusions(cart, locale));
        model.addAttribute("attempt", attempt);
        return "storefront/checkout-confirm";
    }

    /** The total the confirmation page showed, or null when the form sent none; an unreadable one is refused. */
    private static Money confirmed(String amount, String currency) {
        boolean noAmount = amount == null || amount.isBlank();
        boolean noCurrency = currency == null || currency.isBlank();
        if (noAmount && noCurrency) {
            return null;
        }
        if (noAmount || noCurrency) {
            throw new IllegalArgumentException("a confirmed total needs its amount and its currency");
        }
        return Money.of(new java.math.BigDecimal(amount.strip()), java.util.Currency.getInstance(currency.strip()));
    }

    // The order

    @GetMapping("/commande/{number}")
    String order(@PathVariable String number, @RequestParam(name = "t", required = false) String t, Model model, Locale locale) {
        // The signed-in customer who placed the order needs no token.
        String token = t != null ? t : sessions.current().map(customer -> ownersToken(number, customer)).orElse(null);
        CheckoutResult result = status(number, token);
        model.addAttribute("order", result.order());
        model.addAttribute("payment", result.payment());
        model.addAttribute("declined", result.payment() == null || result.payment().status() != PaymentStatus.FAILED ? null
                : messages.getMessage("order.decline." + result.payment().declineCode(), null,
                        messages.getMessage("order.decline.generic", null, locale), locale));
        model.addAttribute("token", token);
        model.addAttribute("documents", documents.of(result.order().number()));
        ReturnPages.section(model, returns, result.order(), locale);
        model.addAttribute("format", new Formatter(format, locale));
        model.addAttribute("attempt", UUID.randomUUID().toString());
        return "storefront/order";
    }

    @PostMapping("/commande/{number}/paiement")
    String retry(@PathVariable String number, @RequestParam(name = "t", required = false) String token,
            @RequestParam(defaultValue = "card") String paymentMethod, @RequestParam(required = false) String giftCardCode,
            @RequestParam String attempt, RedirectAttributes redirect, Locale locale) {
        try {
            return redirectAfterPayment(checkout.retryPayment(new OrderNumber(number), token, method(paymentMethod, giftCardCode),
                    attempt));
        } catch (InvalidField | IllegalStateException e) {
            redirect.addFlashAttribute("error", message("order.retryFailed", locale));
            return "redirect:/commande/" + number + "?t=" + token;
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String ownersToken(String number, CustomerId customer) {
        try {
            return orders.viewForCustomer(new OrderNumber(number), customer).accessToken();
        } catch (NotFound | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** For a signed-in customer who has not given details for this cart yet: their name, address and last delivery address. */
    private DetailsForm suggestedDetails(CartView cart) {
        DetailsForm empty = DetailsForm.of(cart);
        Optional<CustomerId> id = sessions.current();
        Optional<Customer> customer = id.flatMap(customers::find);
        if (customer.isEmpty()) {
            return empty;
        }
        Optional<NewOrder.Address> last = orders.lastShippingAddress(id.get())
                .filter(address -> COUNTRIES.contains(address.country()));
        return new DetailsForm(customer.get().email().value(), last.map(NewOrder.Address::name).orElse(customer.get().name()),
                last.map(NewOrder.Address::line1).orElse(""), last.map(a -> a.line2() == null ? "" : a.line2()).orElse(""),
                last.map(NewOrder.Address::postalCode).orElse(""), last.map(NewOrder.Address::city).orElse(""),
                last.map(NewOrder.Address::country).orElse(empty.country()), false, "", "", "", "", "", "FR", "", "", "",
                empty.delivery(), empty.pickupPoint(), empty.paymentMethod(), empty.giftCardCode());
    }

    private CheckoutResult status(String number, String token) {
        try {
            return checkout.status(new OrderNumber(number), token);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static String redirectAfterPayment(CheckoutResult result) {
        if (result.payment() != null && result.payment().status() == PaymentStatus.REQUIRES_ACTION
                && result.payment().redirectUrl() != null) {
            return "redirect:" + result.payment().redirectUrl();
        }
        return "redirect:/commande/" + result.order().number() + "?t=" + result.order().accessToken();
    }

    static PaymentMethod method(String method, String giftCardCode) {
        return switch (method == null ? "card" : method) {
            case "wallet" -> new PaymentMethod.Wallet();
            case "instalments-3" -> new PaymentMethod.Instalments(3);
            case "instalments-4" -> new PaymentMethod.Instalments(4);
            case "giftcard" -> new PaymentMethod.GiftCard(giftCardCode);
            default -> new PaymentMethod.HostedCard();
        };
    }

    private void fillDetails(Model model, CartView cart, DetailsForm form, Locale locale) {
        model.addAttribute("cart", view(cart, locale));
        model.addAttribute("countries", countries(locale));
        List<DeliveryQuote> options = carts.deliveryOptions(cart.id());
        model.addAttribute("options", options.stream().map(quote -> new Option(quote.code(), quote.label().in(locale),
                format.price(quote.price(), locale), quote.earliest(), quote.latest(), quote.pickupPointRequired())).toList());
        String postalCode = form.postalCode() == null || form.postalCode().isBlank() ? "75001" : form.postalCode().strip();
        CountryCode country = CountryCode.isValid(form.country() == null ? "" : form.country()) ? CountryCode.of(form.country())
                : CountryCode.FRANCE;
        Map<String, List<io.boucle.fulfilment.PickupPoint>> points = new LinkedHashMap<>();
        options.stream().filter(DeliveryQuote::pickupPointRequired)
                .forEach(quote -> points.put(quote.code(), delivery.pickupPoints(quote.code(), country, postalCode, 8)));
        model.addAttribute("pickupPoints", points);
        model.addAttribute("labels", options.stream().collect(java.util.stream.Collectors.toMap(DeliveryQuote::code,
                quote -> quote.label().in(locale), (a, b) -> a)));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
    }

    private CartPage view(CartView cart, Locale locale) {
        return new CartPage(cart, new Formatter(format, locale));
    }

    private List<Map.Entry<String, String>> countries(Locale locale) {
        return COUNTRIES.stream().map(code -> Map.entry(code, CountryCode.of(code).displayName(locale))).toList();
    }

    private Optional<CartView> currentCart(HttpServletRequest request) {
        return shopperCart.current(request);
    }

    private CartId requireCart(HttpServletRequest request) {
        return shopperCart.currentId(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String fieldMessage(InvalidField e, Locale locale) {
        return messages.getMessage("checkout.invalid." + e.field(), null,
                messages.getMessage("checkout.invalid", null, locale), locale);
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    private static Integer parse(String quantity) {
        try {
            return Integer.valueOf(quantity.strip());
        } catch (NumberFormatException e) {
            throw new InvalidField("quantity", "not a number");
        }
    }

    /** What the details form sends; every field is re-checked by the cart. */
    record DetailsForm(String email, String name, String line1, String line2, String postalCode, String city, String country,
                       Boolean otherBilling, String billingName, String billingLine1, String billingLine2,
                       String billingPostalCode, String billingCity, String billingCountry, String companyName,
                       String vatNumber, String siren, String delivery, String pickupPoint, String paymentMethod,
                       String giftCardCode) {

        static DetailsForm of(CartView cart) {
            CartCustomer customer = cart.customer();
            Address shipping = customer == null ? null : customer.shipping();
            Address billing = customer == null ? null : customer.billing();
            Company company = customer == null ? null : customer.company();
            return new DetailsForm(customer == null ? "" : customer.email().value(),
                    shipping == null ? "" : shipping.name(), shipping == null ? "" : shipping.line1(),
                    shipping == null ? "" : shipping.line2(), shipping == null ? "" : shipping.postalCode(),
                    shipping == null ? "" : shipping.city(), shipping == null ? cart.country().value() : shipping.country().value(),
                    billing != null, billing == null ? "" : billing.name(), billing == null ? "" : billing.line1(),
                    billing == null ? "" : billing.line2(), billing == null ? "" : billing.postalCode(),
                    billing == null ? "" : billing.city(), billing == null ? "FR" : billing.country().value(),
                    company == null ? "" : company.name(), company == null ? "" : company.vatNumber(),
                    company == null ? "" : company.siren(),
                    cart.delivery() == null ? null : cart.delivery().quote().code(),
                    cart.delivery() == null || cart.delivery().pickupPoint() == null ? null : cart.delivery().pickupPoint().id(),
                    cart.paymentMethod() == null ? "card" : cart.paymentMethod(), cart.giftCardCode());
        }
    }

    record Option(String code, String label, String price, java.time.LocalDate earliest, java.time.LocalDate latest,
                  boolean pickupPointRequired) {
    }

    /** Formats amounts and dates in the page's language, for the templates. */
    record Formatter(PageFormat format, Locale locale) {

        public String price(Money money) {
            return format.price(money, locale);
        }

        public String date(java.time.LocalDate date) {
            return java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", locale).format(date);
        }

        public String rate(java.math.BigDecimal rate) {
            return rate.stripTrailingZeros().toPlainString().replace('.', locale.getLanguage().equals("fr") ? ',' : '.') + " %";
        }
    }

    record CartPage(CartView cart, Formatter format) {
    }
}
