package io.boucle.platform.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks a handler's {@code @PreAuthorize} (its own, else its class's) before its arguments are
 * read. Method security alone checks it when the method is called, that is after the request's
 * parameters and body were bound and validated: a staff member without the role would get 400 for a
 * malformed form or body instead of 403, and would learn what the endpoint expects. Method security
 * stays on as well (it covers calls that do not come through a request).
 */
@Configuration(proxyBeanMethods = false)
class RolesBeforeBinding implements WebMvcConfigurer {

    private final PreAuthorizeAuthorizationManager roles = new PreAuthorizeAuthorizationManager();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    Supplier<Authentication> authentication = () -> SecurityContextHolder.getContextHolderStrategy().getContext()
                            .getAuthentication();
                    AuthorizationResult result = roles.authorize(authentication,
                            new SimpleMethodInvocation(method.getBean(), method.getMethod()));
                    if (result != null && !result.isGranted()) {
                        throw new AccessDeniedException("Access Denied");
                    }
                }
                return true;
            }
        }).addPathPatterns("/admin/**", "/api/v1/admin/**");
    }
}
