package io.boucle.storefront;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductCard;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.customer.InvalidCustomerDetails;
import io.boucle.customer.SignInThrottled;
import io.boucle.customer.SignUp;
import io.boucle.customer.Wishlists;
import io.boucle.order.OrderSummary;
import io.boucle.order.Orders;
import io.boucle.platform.security.CustomerSessions;
import io.boucle.platform.web.PageFormat;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's account, usable without JavaScript: sign-up, sign-in and sign-out, then the
 * account page with their details, password, marketing choice, orders and wishlist. Everything
 * under {@code /compte} but the first three needs a customer sign-in (see the security rules).
 */
@Controller
class AccountPages {

    static final int ORDERS_PER_PAGE = 20;

    private final Customers customers;
    private final Wishlists wishlists;
    private final CustomerSessions sessions;
    private final ShopperCart shopperCart;
    private final Orders orders;
    private final Catalog catalog;
    private final PageFormat format;
    private final MessageSource messages;
    private final Clock clock;
    private final io.boucle.privacy.PersonalData personalData;

    AccountPages(Customers customers, Wishlists wishlists, CustomerSessions sessions, ShopperCart shopperCart, Orders orders,
            Catalog catalog, PageFormat format, MessageSource messages, Clock clock, io.boucle.privacy.PersonalData personalData) {
        this.personalData = personalData;
        this.customers = customers;
        this.wishlists = wishlists;
        this.sessions = sessions;
        this.shopperCart = shopperCart;
        this.orders = orders;
        this.catalog = catalog;
        this.format = format;
        this.messages = messages;
        this.clock = clock;
    }

    // Sign-up

    @GetMapping("/compte/inscription")
    String signUpForm(@RequestParam(required = false) String retour, Model model) {
        if (sessions.current().isPresent()) {
            return "redirect:/compte";
        }
        model.addAttribute("form", new SignUpForm("", "", "", null, retour));
        model.addAttribute("errors", Map.of());
        return "storefront/sign-up";
    }

    @PostMapping("/compte/inscription")
    String signUp(SignUpForm form, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Customer customer;
        try {
            customer = customers.signUp(new SignUp(form.email(), form.name(), form.password(), form.marketingEmails(),
                    messages.getMessage("account.marketing", null, locale), locale), request.getRemoteAddr());
        } catch (InvalidCustomerDetails e) {
            model.addAttribute("form", new SignUpForm(form.email(), form.name(), "", form.marketing(), form.retour()));
            model.addAttribute("errors", errors(e, locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "storefront/sign-up";
        } catch (SignInThrottled e) {
            model.addAttribute("form", new SignUpForm(form.email(), form.name(), "", form.marketing(), form.retour()));
            model.addAttribute("errors", Map.of());
            model.addAttribute("refused", messages.getMessage("account.signUp.throttled", new Object[] { minutesLeft(e) }, locale));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "storefront/sign-up";
        }
        sessions.signIn(customer.id(), request, response);
        shopperCart.signedIn(customer.id(), request, response);
        return "redirect:" + afterSignIn(form.retour(), request, response, "/compte?bienvenue");
    }

    // Sign-in and sign-out

    @GetMapping("/compte/connexion")
    String signInForm(@RequestParam(required = false) String retour, Model model) {
        if (sessions.current().isPresent()) {
            return "redirect:/compte";
        }
        model.addAttribute("email", "");
        model.addAttribute("retour", retour);
        return "storefront/sign-in";
    }

    @PostMapping("/compte/connexion")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String retour, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        Optional<Customer> customer;
        try {
            customer = customers.authenticate(email, password, request.getRemoteAddr());
        } catch (SignInThrottled e) {
            return signInRefused(model, response, email, retour, HttpStatus.TOO_MANY_REQUESTS,
                    messages.getMessage("account.signIn.throttled", new Object[] { minutesLeft(e) }, locale));
        }
        if (customer.isEmpty()) {
            return signInRefused(model, response, email, retour, HttpStatus.UNPROCESSABLE_CONTENT,
                    messages.getMessage("account.signIn.failed", null, locale));
        }
        sessions.signIn(customer.get().id(), request, response);
        shopperCart.signedIn(customer.get().id(), request, response);
        return "redirect:" + afterSignIn(retour, request, response, "/compte");
    }

    private static String signInRefused(Model model, HttpServletResponse response, String email, String retour,
            HttpStatus status, String error) {
        model.addAttribute("email", email.length() > 254 ? "" : email);
        model.addAttribute("retour", retour);
        model.addAttribute("error", error);
        response.setStatus(status.value());
        return "storefront/sign-in";
    }

    @PostMapping("/compte/deconnexion")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(request, response);
        CartCookie.clear(request, response);
        return "redirect:/compte/connexion?deconnexion";
    }

    /** Back where the shopper was asked to sign in: a page of this shop only. */
    private String afterSignIn(String retour, HttpServletRequest request, HttpServletResponse response, String otherwise) {
        String asked = retour == null ? "/" : CookieConsentFilter.safeReturn(retour);
        if (!"/".equals(asked) && !asked.startsWith("/admin")) {
            return asked;
        }
        return sessions.takeSavedPage(request, response).orElse(otherwise);
    }

    // The account

    @GetMapping("/compte")
    String account(@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        CustomerId id = me();
        Customer customer = customers.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("details")) {
            model.addAttribute("details", new DetailsForm(customer.name(), customer.email().value(), ""));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("customer", customer);
        Page<OrderSummary> history = orders.placedBy(id, Math.max(page, 0), ORDERS_PER_PAGE);
        model.addAttribute("orders", history.items());
        model.addAttribute("page", history.page());
        model.addAttribute("hasNext", history.hasNext());
        List<ProductCard> wished = catalog.cards(wishlists.productSlugs(id));
        model.addAttribute("wishlist", wished.stream().map(card -> new Wished(card.slug(), card.title().in(locale),
                format.price(card.price(), locale), ShopPages.image(card.slug()))).toList());
        model.addAttribute("format", new CheckoutPages.Formatter(format, locale));
        return "storefront/account";
    }

    @PostMapping("/compte/informations")
    String changeDetails(DetailsForm form, Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        try {
            customers.changeDetails(me(), form.name(), form.email(), form.currentPassword());
        } catch (InvalidCustomerDetails e) {
            model.addAttribute("details", new DetailsForm(form.name(), form.email(), ""));
            model.addAttribute("errors", errors(e, locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return account(0, model, locale);
        } catch (SignInThrottled e) {
            model.addAttribute("details", new DetailsForm(form.name(), form.email(), ""));
            model.addAttribute("errors", Map.of("currentPassword", passwordThrottled(e, locale)));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return account(0, model, locale);
        }
        redirect.addFlashAttribute("notice", "account.saved");
        return "redirect:/compte";
    }

    @PostMapping("/compte/mot-de-passe")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        CustomerId id = me();
        try {
            customers.changePassword(id, currentPassword, newPassword);
        } catch (InvalidCustomerDetails e) {
            Map<String, String> errors = errors(e, locale);
            // The fields of this form, apart from the details form's.
            Map<String, String> renamed = new LinkedHashMap<>();
            errors.forEach((field, message) -> renamed.put("password".equals(field) ? "newPassword" : "pw-current", message));
            model.addAttribute("errors", renamed);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return account(0, model, locale);
        } catch (SignInThrottled e) {
            model.addAttribute("errors", Map.of("pw-current", passwordThrottled(e, locale)));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return account(0, model, locale);
        }
        // Every session of the account was ended: this one starts again.
        sessions.signIn(id, request, response);
        redirect.addFlashAttribute("notice", "account.passwordChanged");
        return "redirect:/compte";
    }

    @PostMapping("/compte/communications")
    String marketing(@RequestParam(required = false) String marketing, RedirectAttributes redirect, Locale locale) {
        customers.setMarketingEmails(me(), "on".equals(marketing) || "true".equals(marketing),
                messages.getMessage("account.marketing", null, locale), "account");
        redirect.addFlashAttribute("notice", "account.saved");
        return "redirect:/compte";
    }

    // The wishlist

    @PostMapping("/compte/envies")
    String wish(@RequestParam(defaultValue = "") String product, RedirectAttributes redirect) {
        if (catalog.findBySlug(product, false).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            wishlists.add(me(), product);
            redirect.addFlashAttribute("notice", "wishlist.added");
        } catch (InvalidField e) {
            redirect.addFlashAttribute("notice", "wishlist.full");
        }
        return "redirect:/p/" + product;
    }

    @PostMapping("/compte/envies/retirer")
    String unwish(@RequestParam(defaultValue = "") String product, @RequestParam(required = false) String retour,
            RedirectAttributes redirect) {
        wishlists.remove(me(), product);
        redirect.addFlashAttribute("notice", "wishlist.removed");
        String back = retour == null ? "/compte" : CookieConsentFilter.safeReturn(retour);
        return "redirect:" + ("/".equals(back) ? "/compte" : back);
    }

    /** The customer's right of access and to portability: everything the shop holds about them, as a JSON file. */
    @PostMapping("/compte/donnees")
    org.springframework.http.ResponseEntity<byte[]> exportMyData() {
        CustomerId id = me();
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
                        .attachment().filename(io.boucle.privacy.PersonalData.fileName(id)).build().toString())
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store")
                .body(personalData.export(id));
    }

    private CustomerId me() {
        // The security rules let only signed-in customers reach these pages.
        return sessions.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    /** Whole minutes until the throttle lets the shopper try again, at least one. */
    private long minutesLeft(SignInThrottled e) {
        return Math.max(1, (Duration.between(Instant.now(clock), e.until()).toSeconds() + 59) / 60);
    }

    private String passwordThrottled(SignInThrottled e, Locale locale) {
        return messages.getMessage("account.error.currentPassword.throttled", new Object[] { minutesLeft(e) }, locale);
    }

    private Map<String, String> errors(InvalidCustomerDetails e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(problem -> errors.putIfAbsent(problem.field(),
                messages.getMessage("account.error." + problem.code(), null, problem.code(), locale)));
        return errors;
    }

    /** What the sign-up form sends; the password is never sent back to the page. */
    record SignUpForm(String email, String name, String password, String marketing, String retour) {

        boolean marketingEmails() {
            return "on".equals(marketing) || "true".equals(marketing);
        }

        public boolean marketingTicked() {
            return marketingEmails();
        }
    }

    record DetailsForm(String name, String email, String currentPassword) {
    }

    record Wished(String slug, String title, String price, String image) {
    }
}
