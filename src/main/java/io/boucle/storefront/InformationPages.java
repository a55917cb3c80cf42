package io.boucle.storefront;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.boucle.storefront.CookieConsent.Purpose;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's information pages: terms of sale, legal notice, withdrawal form, privacy notice,
 * FAQ, and the cookie choices with the form the consent banner posts to.
 *
 * <p>Each legal text is written once per language, in {@code templates/storefront/info/<lang>/},
 * and takes the merchant's identity from {@link Merchant}.
 */
@Controller
class InformationPages {

    static final String TERMS = "cgv";
    static final String LEGAL_NOTICE = "mentions-legales";
    static final String WITHDRAWAL = "retractation";
    static final String PRIVACY = "confidentialite";
    static final String FAQ = "faq";

    private final Merchant merchant;
    private final Clock clock;
    private final URI publicUrl;

    InformationPages(Merchant merchant, Clock clock, @Value("${boucle.public-url}") URI publicUrl) {
        this.merchant = merchant;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/" + TERMS)
    String terms(Model model, Locale locale) {
        return page(TERMS, model, locale);
    }

    @GetMapping("/" + LEGAL_NOTICE)
    String legalNotice(Model model, Locale locale) {
        return page(LEGAL_NOTICE, model, locale);
    }

    @GetMapping("/" + WITHDRAWAL)
    String withdrawal(Model model, Locale locale) {
        model.addAttribute("printable", true);
        return page(WITHDRAWAL, model, locale);
    }

    @GetMapping("/" + PRIVACY)
    String privacy(Model model, Locale locale) {
        return page(PRIVACY, model, locale);
    }

    @GetMapping("/" + FAQ)
    String faq(Model model, Locale locale) {
        return page(FAQ, model, locale);
    }

    private String page(String name, Model model, Locale locale) {
        model.addAttribute("merchant", merchant);
        model.addAttribute("pageName", name);
        model.addAttribute("content", "storefront/info/" + language(locale) + "/" + name);
        model.addAttribute("canonical", publicUrl.resolve("/" + name).toString());
        return "storefront/info/page";
    }

    /**
     * Where the visitor sees and changes their choice at any time. {@code from} is the page they
     * came from, to go back to once they have chosen.
     */
    @GetMapping("/cookies")
    String cookies(@RequestParam(required = false) String from, @RequestParam(required = false) String saved,
            HttpServletRequest request, Model model, Locale locale) {
        CookieConsent consent = CookieConsent.of(request);
        model.addAttribute("merchant", merchant);
        model.addAttribute("consent", consent);
        model.addAttribute("decidedOn", consent.decided()
                ? DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(consent.decidedOn()) : null);
        model.addAttribute("analytics", consent.allows(Purpose.ANALYTICS));
        model.addAttribute("saved", saved != null && consent.decided());
        model.addAttribute("returnTo", from == null ? "/cookies?saved" : CookieConsentFilter.safeReturn(from));
        // The page is the banner's long form: showing both would ask twice.
        model.addAttribute("hideConsentBanner", true);
        model.addAttribute("canonical", publicUrl.resolve("/cookies").toString());
        return "storefront/info/cookies";
    }

    /**
     * Records the visitor's choice in the {@value CookieConsent#COOKIE} cookie and sends them back
     * to the page they were on. {@code choice} is {@code accept} (every purpose), {@code refuse}
     * (none) or {@code custom} (the {@code purpose} boxes ticked).
     */
    @PostMapping("/consentement")
    ResponseEntity<Void> choose(@RequestParam String choice, @RequestParam(name = "purpose", required = false) List<String> purposes,
            @RequestParam(defaultValue = "/") String returnTo, HttpServletRequest request) {
        Set<Purpose> granted = switch (choice) {
            case "accept" -> EnumSet.allOf(Purpose.class);
            case "refuse" -> EnumSet.noneOf(Purpose.class);
            case "custom" -> chosen(purposes);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        };
        LocalDate today = LocalDate.ofInstant(clock.instant(), CookieConsentFilter.SHOP_ZONE);
        CookieConsent consent = CookieConsent.decided(today, granted);
        // Nothing non-essential is ever set yet, so a refusal has no cookie to delete; when one
        // is, a refusal must also expire it here.
        ResponseCookie cookie = ResponseCookie.from(CookieConsent.COOKIE, consent.cookieValue())
                .path("/")
                .maxAge(lifetime(consent))
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .location(URI.create(CookieConsentFilter.safeReturn(returnTo)))
                .build();
    }

    /** Until the start of the day the choice lapses, so the browser forgets it when the shop would. */
    private Duration lifetime(CookieConsent consent) {
        return Duration.between(clock.instant(), consent.expiresOn().atStartOfDay(CookieConsentFilter.SHOP_ZONE));
    }

    private static Set<Purpose> chosen(List<String> purposes) {
        Set<Purpose> granted = EnumSet.noneOf(Purpose.class);
        if (purposes != null) {
            for (String code : purposes) {
                granted.add(EnumSet.allOf(Purpose.class).stream().filter(p -> p.code().equals(code)).findFirst()
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST)));
            }
        }
        return granted;
    }

    private static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "fr";
    }
}
