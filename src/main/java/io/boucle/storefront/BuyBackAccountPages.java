package io.boucle.storefront;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boucle.buyback.Acceptance;
import io.boucle.buyback.BuyBackRefused;
import io.boucle.buyback.BuyBacks;
import io.boucle.buyback.HandOver;
import io.boucle.buyback.NewOffer;
import io.boucle.buyback.OfferReference;
import io.boucle.buyback.OfferView;
import io.boucle.buyback.PayoutMethod;
import io.boucle.buyback.Photo;
import io.boucle.buyback.SellerIdentity;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.customer.Customer;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.platform.security.CustomerSessions;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's buy-back pages under {@code /compte/rachats}: their offers, a new offer with photos
 * and its quote at once, how to hand the item over, and the answer to the final offer (store credit
 * with its bonus or a transfer, and the identity the dealers' register needs). An offer of someone
 * else answers 404, as an unknown one.
 */
@Controller
class BuyBackAccountPages {

    private final BuyBacks buyBacks;
    private final Catalog catalog;
    private final Customers customers;
    private final CustomerSessions sessions;
    private final MessageSource messages;
    private final Clock clock;
    private final String shopAddress;

    BuyBackAccountPages(BuyBacks buyBacks, Catalog catalog, Customers customers, CustomerSessions sessions,
            MessageSource messages, Clock clock, @Value("${boucle.merchant.name}") String merchantName,
            @Value("${boucle.buyback.address:${boucle.merchant.address}}") String shopAddress) {
        this.buyBacks = buyBacks;
        this.catalog = catalog;
        this.customers = customers;
        this.sessions = sessions;
        this.messages = messages;
        this.clock = clock;
        this.shopAddress = merchantName + " – " + shopAddress;
    }

    @GetMapping("/compte/rachats")
    String offers(Model model) {
        model.addAttribute("offers", buyBacks.offersOf(me()));
        return "storefront/buybacks";
    }

    @GetMapping("/compte/rachats/nouveau")
    String form(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new OfferForm("", "", "", "", "", "SHIP"));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("categories", catalog.categories());
        model.addAttribute("conditions", Condition.values());
        model.addAttribute("currentYear", LocalDate.ofInstant(Instant.now(clock), ZoneId.of("Europe/Paris")).getYear());
        model.addAttribute("maxPhotos", BuyBacks.MAX_PHOTOS);
        return "storefront/buyback-new";
    }

    @PostMapping("/compte/rachats")
    String offer(OfferForm form, @RequestParam(name = "photos", required = false) List<MultipartFile> files, Model model,
            HttpServletResponse response, Locale locale) {
        Integer year;
        try {
            year = Integer.valueOf(form.purchaseYear().strip());
        } catch (NumberFormatException | NullPointerException e) {
            year = null;
        }
        List<Photo> photos = new ArrayList<>();
        if (files != null) {
            for (MultipartFile file : files) {
                if (!file.isEmpty()) {
                    // The size is checked before reading, so a large file is not kept in memory.
                    photos.add(file.getSize() > BuyBacks.MAX_PHOTO_BYTES ? Photo.tooLarge(file.getOriginalFilename(), file.getSize())
                            : new Photo(file.getOriginalFilename(), read(file)));
                }
            }
        }
        try {
            OfferView created = buyBacks.offer(me(), new NewOffer(form.category(), form.brand(), form.description(),
                    parse(Condition.class, form.condition()), year, parse(HandOver.class, form.handOver())), photos);
            return "redirect:/compte/rachats/" + created.reference() + "?nouveau";
        } catch (BuyBackRefused e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e, locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(model);
        }
    }

    @GetMapping("/compte/rachats/{reference}")
    String offer(@PathVariable String reference, Model model) {
        CustomerId me = me();
        OfferView offer = mine(me, reference);
        model.addAttribute("offer", offer);
        model.addAttribute("category", catalog.category(offer.categorySlug()).orElse(null));
        model.addAttribute("shopAddress", shopAddress);
        model.addAttribute("bonus", buyBacks.storeCreditBonusPercent().stripTrailingZeros().toPlainString());
        offer.finalOffer().ifPresent(price -> model.addAttribute("withBonus", buyBacks.withBonus(price)));
        model.addAttribute("documents", SellerIdentity.IdDocument.values());
        if (!model.containsAttribute("acceptance")) {
            String name = customers.find(me).map(Customer::name).orElse("");
            int space = name.lastIndexOf(' ');
            model.addAttribute("acceptance", new AcceptanceForm("STORE_CREDIT", "", space > 0 ? name.substring(space + 1) : name,
                    space > 0 ? name.substring(0, space) : "", "", "", "", "", ""));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "storefront/buyback";
    }

    @PostMapping("/compte/rachats/{reference}/accepter")
    String accept(@PathVariable String reference, AcceptanceForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect, Locale locale) {
        CustomerId me = me();
        OfferView offer = mine(me, reference);
        LocalDate issuedOn;
        try {
            issuedOn = form.documentIssuedOn() == null || form.documentIssuedOn().isBlank() ? null : LocalDate.parse(form.documentIssuedOn().strip());
        } catch (DateTimeParseException e) {
            issuedOn = null;
        }
        try {
            buyBacks.accept(me, offer.reference(), new Acceptance(parse(PayoutMethod.class, form.payout()), form.iban(),
                    new SellerIdentity(form.lastName(), form.firstNames(), form.address(), parse(SellerIdentity.IdDocument.class,
                            form.document()), form.documentNumber(), issuedOn, form.documentAuthority())));
        } catch (BuyBackRefused e) {
            model.addAttribute("acceptance", form);
            model.addAttribute("errors", errors(e, locale));
            response.setStatus(e.problems().stream().anyMatch(p -> "status".equals(p.field()))
                    ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return offer(reference, model);
        }
        redirect.addFlashAttribute("notice", "buyback.accepted");
        return "redirect:/compte/rachats/" + offer.reference();
    }

    @PostMapping("/compte/rachats/{reference}/refuser")
    String decline(@PathVariable String reference, Model model, HttpServletResponse response, RedirectAttributes redirect,
            Locale locale) {
        CustomerId me = me();
        OfferView offer = mine(me, reference);
        try {
            buyBacks.decline(me, offer.reference());
        } catch (BuyBackRefused e) {
            model.addAttribute("errors", errors(e, locale));
            response.setStatus(HttpStatus.CONFLICT.value());
            return offer(reference, model);
        }
        redirect.addFlashAttribute("notice", "buyback.declined");
        return "redirect:/compte/rachats/" + offer.reference();
    }

    @GetMapping("/compte/rachats/{reference}/bordereau.pdf")
    ResponseEntity<byte[]> slip(@PathVariable String reference) {
        OfferView offer = mine(me(), reference);
        byte[] pdf = buyBacks.slip(offer.reference()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("bordereau-" + offer.reference() + ".pdf").build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(pdf);
    }

    @GetMapping("/compte/rachats/{reference}/photos/{position}")
    ResponseEntity<byte[]> photo(@PathVariable String reference, @PathVariable int position) {
        OfferView offer = mine(me(), reference);
        Map.Entry<String, byte[]> photo = buyBacks.photo(offer.reference(), position)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey()))
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.getValue());
    }

    /** What the offer form sends (the photos come apart). */
    record OfferForm(String category, String brand, String description, String condition, String purchaseYear, String handOver) {
    }

    /** What the acceptance form sends. */
    record AcceptanceForm(String payout, String iban, String lastName, String firstNames, String address, String document,
                          String documentNumber, String documentIssuedOn, String documentAuthority) {
    }

    private OfferView mine(CustomerId me, String reference) {
        return OfferReference.parse(reference).flatMap(ref -> buyBacks.offerOf(me, ref))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private CustomerId me() {
        // The security rules let only signed-in customers reach these pages.
        return sessions.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private Map<String, String> errors(BuyBackRefused e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(problem -> errors.putIfAbsent(problem.field(),
                messages.getMessage("buyback.error." + problem.code(), null, problem.message(), locale)));
        return errors;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] read(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
