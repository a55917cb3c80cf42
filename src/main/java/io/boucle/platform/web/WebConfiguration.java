package io.boucle.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Language of the pages: French unless the visitor chose English (the {@code ?lang=} switcher,
 * remembered in a cookie) or their browser prefers it.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("boucle_lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(WebConfiguration::preferredSupportedLocale);
        return resolver;
    }

    /** Request mappings looked up among those an address can match (see {@link IndexedHandlerMapping}). */
    @Bean
    WebMvcRegistrations indexedHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedHandlerMapping();
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            /** A language the shop does not speak resets the choice instead of sticking in the cookie. */
            @Override
            protected Locale parseLocaleValue(String value) {
                Locale locale = super.parseLocaleValue(value);
                return locale != null && SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(locale.getLanguage()))
                        ? Locale.of(locale.getLanguage()) : null;
            }
        };
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    static Locale preferredSupportedLocale(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header means no preference
            }
        }
        return Locale.FRENCH;
    }
}
