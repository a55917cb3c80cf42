package io.boucle.platform.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links to static files carry a hash of their content ({@code /css/boucle-<hash>.css}) so browsers
 * may keep them a year. Spring rewrites every link a page builds ({@code @{...}} in templates)
 * through the resource chain; for a link that is not a file ({@code /p/<slug>}, {@code /c/<slug>},
 * {@code /}) that means looking for it in each static location on the whole class path, every
 * time, because only found files are cached: most of a product page's CPU time. This filter
 * replaces Spring Boot's: it sends to the resource chain only links whose last segment has a file
 * extension, as every static file has, and leaves the others as they are.
 */
@Configuration(proxyBeanMethods = false)
class StaticResourceLinks {

    /**
     * Registered like Spring Boot's own, for requests and error pages; declared with Spring Boot's
     * type so that its own is not registered.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> staticFileLinkFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new StaticFileLinkFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static final class StaticFileLinkFilter extends ResourceUrlEncodingFilter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!(response instanceof HttpServletResponse original)) {
                super.doFilter(request, response, chain);
                return;
            }
            super.doFilter(request, response,
                    (wrappedRequest, rewriting) -> chain.doFilter(wrappedRequest, new FilesOnly((HttpServletResponse) rewriting, original)));
        }
    }

    /** Delegates to Spring's rewriting response, except for links that cannot be static files. */
    static final class FilesOnly extends HttpServletResponseWrapper {

        private final HttpServletResponse original;

        FilesOnly(HttpServletResponse rewriting, HttpServletResponse original) {
            super(rewriting);
            this.original = original;
        }

        @Override
        public String encodeURL(String url) {
            return mayBeFile(url) ? super.encodeURL(url) : original.encodeURL(url);
        }

        /** "/css/boucle.css?v=1" may be; "/p/velo", "/", "?lang=en" and "/c/livres#top" may not. */
        static boolean mayBeFile(String url) {
            int end = url.length();
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c == '?' || c == '#') {
                    end = i;
                    break;
                }
            }
            int slash = url.lastIndexOf('/', end - 1);
            int dot = url.lastIndexOf('.', end - 1);
            return dot > slash && dot < end - 1;
        }
    }
}
