package io.boucle.platform.security;

import io.boucle.platform.web.ProblemResponses;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may reach what. The storefront is public but for the customer's account under
 * {@code /compte}, which needs a customer sign-in; the back office under {@code /admin} needs a
 * staff sign-in (session, CSRF-protected forms); the admin API and the metrics need a staff API
 * token. Every answer carries a strict Content-Security-Policy: no inline script, nothing from
 * another origin.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The API viewer builds its page with inline styles; it serves only the OpenAPI document. */
    static final String API_VIEWER_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    private static final String[] STAFF = { Role.OWNER.name(), Role.MANAGER.name(), Role.SUPPORT.name(), Role.ACCOUNTANT.name() };

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, StaffAccounts accounts, ProblemResponses problems) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**", "/swagger-ui/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/admin/**").hasAnyRole(STAFF)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.OWNER.name(), Role.MANAGER.name())
                        .anyRequest().permitAll())
                // No cookie ever authenticates these endpoints, so there is no cross-site request to forge.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenAuthentication(accounts, problems), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "A staff API token is required: Authorization: Bearer <token>.");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "This API token's roles do not allow this.")))
                .headers(headers -> secureHeaders(headers, API_VIEWER_POLICY))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffSessions staffSessions) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/login").permitAll()
                        .requestMatchers(StaffSessions.CODE_PAGE).hasRole(StaffSessions.SECOND_FACTOR)
                        .requestMatchers(StaffSessions.ENROLMENT_PAGE).hasRole(StaffSessions.ENROLMENT)
                        .requestMatchers("/admin/**").hasAnyRole(STAFF)
                        .requestMatchers("/compte/inscription", "/compte/connexion", "/compte/deconnexion").permitAll()
                        .requestMatchers("/compte", "/compte/**").hasRole(CustomerSessions.ROLE)
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/admin/login")
                        .successHandler(staffSessions.afterPassword())
                        .failureHandler(new SignInFailure())
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/admin/logout")
                        .logoutSuccessUrl("/admin/login?logout")
                        .deleteCookies("SESSION"))
                // Shoppers sign in on the shop's own page (CustomerSessions), staff on /admin/login.
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInPages()).accessDeniedHandler(halfSignedIn()))
                // Token and saved address in cookies, not the session: a visitor gets a session
                // (a row in PostgreSQL) only by signing in.
                .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokens.repository()))
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .addFilterBefore(staffSessions.enrolmentWhenRequired(), AuthorizationFilter.class)
                .headers(headers -> secureHeaders(headers, CONTENT_SECURITY_POLICY))
                .build();
    }

    /** Where a visitor who must sign in is sent: the account's pages to the shoppers' sign-in, all else to the staff's. */
    private static AuthenticationEntryPoint signInPages() {
        RequestMatcher account = PathPatternRequestMatcher.withDefaults().matcher("/compte/**");
        AuthenticationEntryPoint customers = new LoginUrlAuthenticationEntryPoint("/compte/connexion");
        AuthenticationEntryPoint staff = new LoginUrlAuthenticationEntryPoint("/admin/login");
        return (request, response, exception) -> (account.matches(request) ? customers : staff).commence(request, response, exception);
    }

    /**
     * A staff member between password and code who opens another page is sent back to the step they
     * are at; anyone else without the role gets 403.
     */
    private static AccessDeniedHandler halfSignedIn() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            var authorities = authentication == null ? java.util.Set.<String>of()
                    : AuthorityUtils.authorityListToSet(authentication.getAuthorities());
            if (authorities.contains("ROLE_" + StaffSessions.SECOND_FACTOR) && request.getRequestURI().startsWith("/admin")) {
                response.sendRedirect(request.getContextPath() + StaffSessions.CODE_PAGE);
            } else if (authorities.contains("ROLE_" + StaffSessions.ENROLMENT) && request.getRequestURI().startsWith("/admin")) {
                response.sendRedirect(request.getContextPath() + StaffSessions.ENROLMENT_PAGE);
            } else {
                forbidden.handle(request, response, exception);
            }
        };
    }


    static RequestCache savedRequests() {
        return new CookieRequestCache();
    }

    private static void secureHeaders(HeadersConfigurer<HttpSecurity> headers, String policy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=(self)"));
    }
}
