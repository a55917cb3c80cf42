package io.boucle.platform.security;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Signs shoppers in and out of their session. The shop's pages check the password themselves
 * (through {@link Customers}) and then open the session here: a new session every time (no session
 * fixation), a new CSRF token, and the role {@value #ROLE} only, which opens no staff page, just as
 * the staff's roles open no customer page.
 */
@Component
public class CustomerSessions {

    public static final String ROLE = "CUSTOMER";
    static final String AUTHORITY = "ROLE_" + ROLE;

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrfTokens = CsrfTokens.repository();
    private final RequestCache savedRequests = SecurityConfiguration.savedRequests();

    /** Opens a new session for the customer, ending any session the browser had. */
    public void signIn(CustomerId customer, HttpServletRequest request, HttpServletResponse response) {
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        request.getSession(true);
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(
                Customers.SESSION_PRINCIPAL_PREFIX + customer, null, List.of(new SimpleGrantedAuthority(AUTHORITY)));
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response);
    }

    /** The customer signed in on this request, if a customer is. */
    public Optional<CustomerId> current() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(authority -> AUTHORITY.equals(authority.getAuthority()))
                || !authentication.getName().startsWith(Customers.SESSION_PRINCIPAL_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CustomerId(UUID.fromString(authentication.getName().substring(Customers.SESSION_PRINCIPAL_PREFIX.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Ends the session (its cookie is expired with it), whoever it belonged to, and the CSRF token. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.getContextHolderStrategy().clearContext();
        csrfTokens.saveToken(null, request, response);
    }

    /**
     * The shop page the shopper was on when asked to sign in, taken (it is forgotten now); never a
     * staff page, nor another site.
     */
    public Optional<String> takeSavedPage(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = savedRequests.getRequest(request, response);
        if (saved == null) {
            return Optional.empty();
        }
        savedRequests.removeRequest(request, response);
        try {
            URI uri = URI.create(saved.getRedirectUrl());
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/admin")) {
                return Optional.empty();
            }
            // The cache marks the address it saved with "continue"; the page does not need it.
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)continue(=[^&]*)?", "").replaceFirst("^&", "");
            return Optional.of(query.isEmpty() ? path : path + "?" + query);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
