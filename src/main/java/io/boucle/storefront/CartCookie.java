package io.boucle.storefront;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.boucle.cart.CartId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/**
 * The guest's cart, remembered by its id in a first-party cookie. It is strictly necessary to the
 * service the shopper asked for, so it needs no consent (CNIL, délibération 2020-091, art. 82 loi
 * Informatique et Libertés).
 */
final class CartCookie {

    static final String NAME = "boucle_cart";

    private CartCookie() {
    }

    static Optional<CartId> read(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies()).filter(cookie -> NAME.equals(cookie.getName())).findFirst()
                .flatMap(cookie -> {
                    try {
                        return Optional.of(CartId.parse(cookie.getValue()));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    static void write(HttpServletRequest request, HttpServletResponse response, CartId id) {
        response.addHeader("Set-Cookie", ResponseCookie.from(NAME, id.toString()).path("/").httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").maxAge(Duration.ofDays(30)).build().toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(NAME, "").path("/").httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").maxAge(0).build().toString());
    }
}
