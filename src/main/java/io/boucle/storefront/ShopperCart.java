package io.boucle.storefront;

import java.util.Locale;
import java.util.Optional;

import io.boucle.cart.CartId;
import io.boucle.cart.CartView;
import io.boucle.cart.Carts;
import io.boucle.customer.CustomerId;
import io.boucle.platform.security.CustomerSessions;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * The shopper's cart: a signed-in customer's own cart, the same on every device; a guest's, the
 * one their cookie names. Signing in merges the second into the first.
 */
@Component
class ShopperCart {

    private final Carts carts;
    private final CustomerSessions sessions;

    ShopperCart(Carts carts, CustomerSessions sessions) {
        this.carts = carts;
        this.sessions = sessions;
    }

    Optional<CartId> currentId(HttpServletRequest request) {
        Optional<CustomerId> customer = sessions.current();
        return customer.isPresent() ? carts.cartOf(customer.get()) : CartCookie.read(request);
    }

    Optional<CartView> current(HttpServletRequest request) {
        return currentId(request).flatMap(carts::find);
    }

    /** The open cart to add to, opened now when there is none. */
    CartId openForAdding(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale language = Locale.of(locale.getLanguage());
        Optional<CustomerId> customer = sessions.current();
        if (customer.isPresent()) {
            return carts.createFor(customer.get(), Money.EUR, CountryCode.FRANCE, language).id();
        }
        CartId id = current(request).filter(CartView::open).map(CartView::id)
                .orElseGet(() -> carts.create(Money.EUR, CountryCode.FRANCE, language).id());
        CartCookie.write(request, response, id);
        return id;
    }

    /** Merges the guest's cart into the customer's, who just signed in; the cookie is not needed any more. */
    void signedIn(CustomerId customer, HttpServletRequest request, HttpServletResponse response) {
        Optional<CartId> guest = CartCookie.read(request);
        carts.mergeAtSignIn(guest.orElse(null), customer);
        if (guest.isPresent()) {
            CartCookie.clear(request, response);
        }
    }
}
