package io.boucle.backoffice;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.boucle.buyback.AgeBand;
import io.boucle.buyback.BuyBackRefused;
import io.boucle.buyback.BuyBacks;
import io.boucle.buyback.GridRow;
import io.boucle.buyback.OfferReference;
import io.boucle.buyback.OfferStatus;
import io.boucle.buyback.OfferView;
import io.boucle.buyback.SuggestedPrice;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.shared.Money;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Buy-backs in the back office: the queue of offers per status, one offer with its photos and the
 * action its status allows (reception, inspection and final offer, return, relisting), the quote grid,
 * and the dealers' register with its CSV export. Owners and managers run buy-backs; accountants also
 * read the register and the purchase slips.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class BuyBackPages {

    static final int PAGE_SIZE = 30;

    private final BuyBacks buyBacks;
    private final Catalog catalog;
    private final MessageSource messages;

    BuyBackPages(BuyBacks buyBacks, Catalog catalog, MessageSource messages) {
        this.buyBacks = buyBacks;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/admin/buybacks")
    String queue(@RequestParam(defaultValue = "AWAITING_ITEM") String status, @RequestParam(defaultValue = "0") int page,
            Model model) {
        OfferStatus chosen = parseStatus(status);
        Page<OfferView> found = buyBacks.queue(chosen, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("status", chosen.name());
        model.addAttribute("statuses", OfferStatus.values());
        model.addAttribute("counts", buyBacks.counts());
        model.addAttribute("offers", found.items());
        model.addAttribute("page", found.page());
        model.addAttribute("hasNext", found.hasNext());
        return "backoffice/buybacks";
    }

    @GetMapping("/admin/buybacks/{reference}")
    String offer(@PathVariable String reference, @RequestParam(required = false) String copyOf, Model model) {
        OfferView offer = find(reference);
        model.addAttribute("offer", offer);
        model.addAttribute("conditions", Condition.values());
        model.addAttribute("category", catalog.category(offer.categorySlug()).orElse(null));
        if (offer.status() == OfferStatus.ACCEPTED) {
            String copy = copyOf == null ? "" : copyOf.strip();
            SuggestedPrice suggested;
            try {
                suggested = buyBacks.suggestedPrice(offer.reference(), copy);
            } catch (BuyBackRefused e) {
                suggested = null;
            }
            model.addAttribute("suggested", suggested);
            model.addAttribute("copyOf", copy);
            if (!model.containsAttribute("relist")) {
                String title = catalog.findBySlug(copy, true).map(product -> product.title().fr()).orElse(offer.brand())
                        + " – seconde main";
                model.addAttribute("relist", new RelistForm(copy, title,
                        suggested == null ? "" : suggested.price().amount().toPlainString(), "on"));
            }
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "backoffice/buyback";
    }

    @GetMapping("/admin/buybacks/{reference}/photos/{position}")
    ResponseEntity<byte[]> photo(@PathVariable String reference, @PathVariable int position) {
        Map.Entry<String, byte[]> photo = buyBacks.photo(find(reference).reference(), position)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey()))
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.getValue());
    }

    @GetMapping("/admin/buybacks/{reference}/slip.pdf")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'ACCOUNTANT')")
    ResponseEntity<byte[]> slip(@PathVariable String reference) {
        OfferReference ref = find(reference).reference();
        byte[] pdf = buyBacks.slip(ref).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("bordereau-" + ref + ".pdf").build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(pdf);
    }

    @PostMapping("/admin/buybacks/{reference}/reception")
    String reception(@PathVariable String reference, Principal staff, RedirectAttributes redirect, Locale locale) {
        OfferView offer = find(reference);
        return act(offer, redirect, locale, "admin.buybacks.received", () -> buyBacks.recordReception(offer.reference(), staff.getName()));
    }

    @PostMapping("/admin/buybacks/{reference}/offer")
    String finalOffer(@PathVariable String reference, @RequestParam(defaultValue = "") String grade,
            @RequestParam(defaultValue = "") String notes, @RequestParam(defaultValue = "") String price, Principal staff,
            RedirectAttributes redirect, Locale locale) {
        OfferView offer = find(reference);
        Condition condition = parseCondition(grade);
        return act(offer, redirect, locale, "admin.buybacks.offerMade",
                () -> buyBacks.makeFinalOffer(offer.reference(), condition, notes, euros(price), staff.getName()));
    }

    @PostMapping("/admin/buybacks/{reference}/return")
    String sentBack(@PathVariable String reference, Principal staff, RedirectAttributes redirect, Locale locale) {
        OfferView offer = find(reference);
        return act(offer, redirect, locale, "admin.buybacks.returned", () -> buyBacks.recordReturn(offer.reference(), staff.getName()));
    }

    @PostMapping("/admin/buybacks/{reference}/relist")
    String relist(@PathVariable String reference, RelistForm form, Principal staff, RedirectAttributes redirect, Locale locale) {
        OfferView offer = find(reference);
        redirect.addFlashAttribute("relist", form);
        redirect.addAttribute("copyOf", form.copyOf() == null ? "" : form.copyOf());
        return act(offer, redirect, locale, "admin.buybacks.relisted", () -> buyBacks.relist(offer.reference(), form.copyOf(),
                form.title(), euros(form.price()), "on".equals(form.publish()) || "true".equals(form.publish()), staff.getName()));
    }

    /** What the relisting form sends back. */
    record RelistForm(String copyOf, String title, String price, String publish) implements java.io.Serializable {
    }

    // The quote grid

    @GetMapping("/admin/buybacks/grid")
    String grid(Model model) {
        // Per category, the amount of each cell under "CONDITION/BAND".
        Map<String, Map<String, Money>> byCategory = new LinkedHashMap<>();
        for (GridRow row : buyBacks.grid()) {
            byCategory.computeIfAbsent(row.categorySlug(), any -> new LinkedHashMap<>())
                    .put(row.condition().name() + "/" + row.ageBand().name(), row.amount());
        }
        model.addAttribute("grid", byCategory);
        model.addAttribute("categories", catalog.categories());
        model.addAttribute("conditions", Condition.values());
        model.addAttribute("bands", AgeBand.values());
        return "backoffice/buyback-grid";
    }

    @PostMapping("/admin/buybacks/grid")
    String setGrid(@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String condition,
            @RequestParam(defaultValue = "") String band, @RequestParam(defaultValue = "") String amount, Principal staff,
            RedirectAttributes redirect, Locale locale) {
        try {
            AgeBand age;
            try {
                age = AgeBand.valueOf(band);
            } catch (IllegalArgumentException e) {
                age = null;
            }
            buyBacks.setGridAmount(category, parseCondition(condition), age, euros(amount), staff.getName());
            redirect.addFlashAttribute("notice", messages.getMessage("admin.buybacks.gridSaved", null, locale));
        } catch (BuyBackRefused e) {
            redirect.addFlashAttribute("error", describe(e, locale));
        }
        return "redirect:/admin/buybacks/grid";
    }

    // Transfers due

    @GetMapping("/admin/buybacks/transfers")
    @PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
    String transfers(Model model) {
        model.addAttribute("transfers", buyBacks.transfersDue());
        return "backoffice/buyback-transfers";
    }

    @PostMapping("/admin/buybacks/{reference}/transfer-made")
    @PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
    String transferMade(@PathVariable String reference, RedirectAttributes redirect, Locale locale) {
        OfferView offer = find(reference);
        try {
            buyBacks.recordTransferMade(offer.reference());
            redirect.addFlashAttribute("notice", messages.getMessage("admin.buybacks.transferRecorded", new Object[] { offer.reference().value() },
                    locale));
        } catch (BuyBackRefused e) {
            redirect.addFlashAttribute("error", describe(e, locale));
        }
        return "redirect:/admin/buybacks/transfers";
    }

    // The register

    @GetMapping("/admin/buybacks/register")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'ACCOUNTANT')")
    String register(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        model.addAttribute("entries", buyBacks.register(date(from), date(to)));
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        return "backoffice/buyback-register";
    }

    @GetMapping("/admin/buybacks/register.csv")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'ACCOUNTANT')")
    ResponseEntity<byte[]> registerCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("registre-objets-mobiliers.csv")
                        .build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(buyBacks.registerCsv(date(from), date(to)).getBytes(StandardCharsets.UTF_8));
    }

    // Helpers

    private String act(OfferView offer, RedirectAttributes redirect, Locale locale, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", messages.getMessage(done, null, locale));
        } catch (BuyBackRefused e) {
            redirect.addFlashAttribute("error", describe(e, locale));
            Map<String, String> errors = new LinkedHashMap<>();
            e.problems().forEach(problem -> errors.putIfAbsent(problem.field(), message(problem, locale)));
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/admin/buybacks/" + offer.reference();
    }

    private String describe(BuyBackRefused e, Locale locale) {
        return String.join(" ", e.problems().stream().map(problem -> message(problem, locale)).distinct().toList());
    }

    private String message(BuyBackRefused.Problem problem, Locale locale) {
        return messages.getMessage("buyback.error." + problem.code(), null, problem.message(), locale);
    }

    private OfferView find(String reference) {
        return OfferReference.parse(reference).flatMap(buyBacks::find)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static OfferStatus parseStatus(String status) {
        try {
            return OfferStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return OfferStatus.AWAITING_ITEM;
        }
    }

    static Condition parseCondition(String condition) {
        try {
            return Condition.valueOf(condition);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An amount typed in euros ("12,50" or "12.50"); null when it is not a number. */
    static Money euros(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Money.of(new BigDecimal(typed.strip().replace(" ", "").replace(',', '.')), Money.EUR);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
