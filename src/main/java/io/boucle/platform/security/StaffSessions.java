package io.boucle.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.boucle.shared.EmailAddress;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.staff.TwoFactor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The staff's sign-in in two steps. A right password alone opens a half session when the account
 * uses two-factor sign-in (the role {@value #SECOND_FACTOR}, which opens only the code page) or
 * when an owner requires it of an account not enrolled yet ({@value #ENROLMENT}: only the enrolment
 * page). The full session, with the account's roles, opens once the code is right, in a new session
 * id. Either way the back office then speaks the account's language. A session opened before an
 * owner required a second factor goes back to the enrolment step at its next page.
 */
@Component
public class StaffSessions {

    public static final String SECOND_FACTOR = "STAFF_SECOND_FACTOR";
    public static final String ENROLMENT = "STAFF_ENROLMENT";
    static final String CODE_PAGE = "/admin/login/code";
    static final String ENROLMENT_PAGE = "/admin/login/enrol";

    private final StaffAccounts accounts;
    private final TwoFactor twoFactor;
    private final UserDetailsService staff;
    private final LocaleResolver locales;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrfTokens = CsrfTokens.repository();
    private final SavedRequestAwareAuthenticationSuccessHandler toSavedPage = new SavedRequestAwareAuthenticationSuccessHandler();

    StaffSessions(StaffAccounts accounts, TwoFactor twoFactor, UserDetailsService staff, LocaleResolver locales) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.staff = staff;
        this.locales = locales;
        toSavedPage.setDefaultTargetUrl("/admin");
        toSavedPage.setRequestCache(SecurityConfiguration.savedRequests());
    }

    /** After the right password: the back office, or the code (or enrolment) page first. */
    AuthenticationSuccessHandler afterPassword() {
        return (request, response, authentication) -> {
            String email = authentication.getName();
            accounts.findByEmail(EmailAddress.of(email)).ifPresent(account -> locales.setLocale(request, response, account.locale()));
            if (twoFactor.enabled(email)) {
                halfSession(email, SECOND_FACTOR, request, response);
                response.sendRedirect(request.getContextPath() + CODE_PAGE);
            } else if (twoFactor.required()) {
                halfSession(email, ENROLMENT, request, response);
                response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
            } else {
                toSavedPage.onAuthenticationSuccess(request, response, authentication);
            }
        };
    }

    /**
     * Sends a staff member whose session is open to the enrolment page when an owner required a second
     * factor after they signed in without one: the session keeps only the enrolment step (their roles
     * come back once the first code is right), and the page or form asked is not served. Back-office
     * pages only; API tokens are not concerned.
     */
    Filter enrolmentWhenRequired() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
                if (path.startsWith("/admin") && !path.startsWith("/admin/login") && !path.equals("/admin/logout")
                        && fullStaffSession(authentication) && twoFactor.mustEnrol(authentication.getName())) {
                    halfSession(authentication.getName(), ENROLMENT, request, response);
                    response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean fullStaffSession(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(STAFF_AUTHORITIES::contains);
    }

    private static final java.util.Set<String> STAFF_AUTHORITIES = java.util.Arrays.stream(io.boucle.staff.Role.values())
            .map(io.boucle.staff.Role::authority).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The staff member whose password was right and who still has to give a code (or enrol). */
    public Optional<StaffAccount> halfSignedIn(Authentication authentication, String step) {
        if (authentication == null || authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .noneMatch(("ROLE_" + step)::equals)) {
            return Optional.empty();
        }
        return accounts.findByEmail(EmailAddress.of(authentication.getName()));
    }

    /** Opens the full session after the second step, in a new session id, and goes on where the sign-in was asked. */
    public void completeSignIn(StaffAccount account, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication full = openFullSession(account, request, response);
        try {
            toSavedPage.onAuthenticationSuccess(request, response, full);
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
    }

    /** Opens the full session after the second step, in a new session id; the caller answers the request. */
    public Authentication openFullSession(StaffAccount account, HttpServletRequest request, HttpServletResponse response) {
        UserDetails details = staff.loadUserByUsername(account.email().value());
        if (details instanceof org.springframework.security.core.CredentialsContainer container) {
            container.eraseCredentials();
        }
        Authentication full = UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
        request.changeSessionId();
        save(full, request, response);
        return full;
    }

    /** Sets the staff member's language on this browser too (it is stored on the account elsewhere). */
    public void applyLanguage(Locale locale, HttpServletRequest request, HttpServletResponse response) {
        locales.setLocale(request, response, locale);
    }

    /** Ends the (half) session, e.g. when the account locks during the code step. */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.getContextHolderStrategy().clearContext();
        csrfTokens.saveToken(null, request, response);
    }

    private void halfSession(String email, String step, HttpServletRequest request, HttpServletResponse response) {
        save(UsernamePasswordAuthenticationToken.authenticated(email, null, List.of(new SimpleGrantedAuthority("ROLE_" + step))),
                request, response);
    }

    private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
    }
}
