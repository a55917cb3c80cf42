package io.boucle.backoffice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.boucle.catalog.Catalog;
import io.boucle.pricing.DuplicatePromotionCode;
import io.boucle.pricing.Pricing;
import io.boucle.pricing.Promotion;
import io.boucle.pricing.PromotionDraft;
import io.boucle.pricing.PromotionKind;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Promotions in the back office: the list with each one's status and uses, a form to create or
 * change one, and deactivation. Dates are entered in the shop's time (Europe/Paris).
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class PromotionPages {

    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    /** What the form sends, as typed: checked here and by the pricing module, and shown back when wrong. */
    record PromotionForm(String code, String label, String labelEn, String kind, String percent, String amount,
            String buyQuantity, String freeQuantity, String tiers, String category, String skus, String minimumSubtotal,
            String validFrom, String validUntil, String usageLimit, String perCustomerLimit, String combinable,
            String priority) {

        static PromotionForm empty() {
            return new PromotionForm("", "", "", "PERCENTAGE", "", "", "", "", "", "", "", "", "", "", "", "", "on", "100");
        }

        static PromotionForm of(Promotion p) {
            return new PromotionForm(p.code() == null ? "" : p.code(), p.label().fr(), p.label().en(), p.kind().name(),
                    p.percent() == null ? "" : p.percent().toPlainString(), amount(p.amount()),
                    p.buyQuantity() == null ? "" : p.buyQuantity().toString(),
                    p.freeQuantity() == null ? "" : p.freeQuantity().toString(),
                    String.join("; ", p.tiers().stream().map(t -> amount(t.threshold()) + "=" + amount(t.discount())).toList()),
                    p.categorySlug() == null ? "" : p.categorySlug(), String.join(" ", p.skus()), amount(p.minimumSubtotal()),
                    local(p.validFrom()), local(p.validUntil()), p.usageLimit() == null ? "" : p.usageLimit().toString(),
                    p.perCustomerLimit() == null ? "" : p.perCustomerLimit().toString(), p.combinable() ? "on" : "",
                    Integer.toString(p.priority()));
        }

        private static String amount(Money money) {
            return money == null ? "" : money.amount().toPlainString();
        }

        private static String local(Instant instant) {
            return instant == null ? "" : LocalDateTime.ofInstant(instant, SHOP_ZONE).toString();
        }

        /** The draft, or the problems of what was typed. */
        PromotionDraft toDraft(List<String> problems) {
            PromotionKind parsedKind = null;
            try {
                parsedKind = PromotionKind.valueOf(text(kind));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("kind: one of " + Arrays.toString(PromotionKind.values()));
            }
            List<Promotion.Tier> parsedTiers = new ArrayList<>();
            if (!text(tiers).isEmpty()) {
                for (String tier : text(tiers).split(";")) {
                    String[] parts = tier.split("=");
                    Money threshold = parts.length == 2 ? money("tiers", parts[0], problems) : null;
                    Money discount = parts.length == 2 ? money("tiers", parts[1], problems) : null;
                    if (threshold == null || discount == null) {
                        if (parts.length != 2) {
                            problems.add("tiers: threshold=discount pairs separated by ';', e.g. 50=5; 100=15");
                        }
                    } else {
                        parsedTiers.add(new Promotion.Tier(threshold, discount));
                    }
                }
            }
            BigDecimal parsedPercent = null;
            if (!text(percent).isEmpty()) {
                try {
                    parsedPercent = new BigDecimal(text(percent).replace(',', '.'));
                } catch (NumberFormatException e) {
                    problems.add("percent: a number such as 10 or 12.5");
                }
            }
            return new PromotionDraft(text(code).isEmpty() ? null : text(code), LocalizedText.of(text(label), text(labelEn)),
                    parsedKind, parsedPercent, money("amount", amount, problems), number("buyQuantity", buyQuantity, problems),
                    number("freeQuantity", freeQuantity, problems), parsedTiers, text(category).isEmpty() ? null : text(category),
                    Arrays.stream(text(skus).split("[\\s,;]+")).filter(s -> !s.isBlank()).toList(),
                    money("minimumSubtotal", minimumSubtotal, problems), instant("validFrom", validFrom, problems),
                    instant("validUntil", validUntil, problems), number("usageLimit", usageLimit, problems),
                    number("perCustomerLimit", perCustomerLimit, problems), combinable != null && !combinable.isBlank(),
                    text(priority).isEmpty() ? 100 : orZero(number("priority", priority, problems)));
        }

        private static int orZero(Integer value) {
            return value == null ? 0 : value;
        }

        private static String text(String value) {
            return value == null ? "" : value.strip();
        }

        private static Money money(String field, String value, List<String> problems) {
            if (text(value).isEmpty()) {
                return null;
            }
            try {
                return Money.euros(text(value).replace(',', '.').replace("€", "").strip());
            } catch (NumberFormatException e) {
                problems.add(field + ": an amount in euros such as 12.50");
                return null;
            }
        }

        private static Integer number(String field, String value, List<String> problems) {
            if (text(value).isEmpty()) {
                return null;
            }
            try {
                return Integer.valueOf(text(value));
            } catch (NumberFormatException e) {
                problems.add(field + ": a whole number");
                return null;
            }
        }

        private static Instant instant(String field, String value, List<String> problems) {
            if (text(value).isEmpty()) {
                return null;
            }
            try {
                return LocalDateTime.parse(text(value)).atZone(SHOP_ZONE).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(field + ": a date and time such as 2026-05-01T00:00");
                return null;
            }
        }
    }

    record Row(Promotion promotion, String status, String value) {
    }

    private final Pricing pricing;
    private final Catalog catalog;
    private final Clock clock;

    PromotionPages(Pricing pricing, Catalog catalog, Clock clock) {
        this.pricing = pricing;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/admin/promotions")
    String list(Model model, Locale locale) {
        Instant now = Instant.now(clock);
        model.addAttribute("rows", pricing.promotions().stream()
                .map(p -> new Row(p, p.status(now).name(), value(p))).toList());
        return "backoffice/promotions";
    }

    @GetMapping("/admin/promotions/new")
    String create(Model model) {
        return form(model, null, PromotionForm.empty(), List.of());
    }

    @PostMapping("/admin/promotions")
    String create(@ModelAttribute PromotionForm form, Model model, RedirectAttributes redirect) {
        List<String> problems = new ArrayList<>();
        PromotionDraft draft = form.toDraft(problems);
        if (problems.isEmpty()) {
            try {
                Promotion created = pricing.create(draft);
                redirect.addFlashAttribute("saved", created.label().fr());
                return "redirect:/admin/promotions";
            } catch (IllegalArgumentException e) {
                problems.addAll(List.of(e.getMessage().split("; ")));
            } catch (DuplicatePromotionCode e) {
                problems.add(e.getMessage());
            }
        }
        return form(model, null, form, problems);
    }

    @GetMapping("/admin/promotions/{id}")
    String edit(@PathVariable String id, Model model) {
        Promotion promotion = pricing.promotion(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, promotion, PromotionForm.of(promotion), List.of());
    }

    @PostMapping("/admin/promotions/{id}")
    String update(@PathVariable String id, @ModelAttribute PromotionForm form, Model model, RedirectAttributes redirect) {
        Promotion promotion = pricing.promotion(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<String> problems = new ArrayList<>();
        PromotionDraft draft = form.toDraft(problems);
        if (problems.isEmpty()) {
            try {
                pricing.update(id, draft).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
                redirect.addFlashAttribute("saved", draft.label().fr());
                return "redirect:/admin/promotions";
            } catch (IllegalArgumentException e) {
                problems.addAll(List.of(e.getMessage().split("; ")));
            } catch (DuplicatePromotionCode e) {
                problems.add(e.getMessage());
            }
        }
        return form(model, promotion, form, problems);
    }

    @PostMapping("/admin/promotions/{id}/deactivate")
    String deactivate(@PathVariable String id, RedirectAttributes redirect) {
        Promotion promotion = pricing.promotion(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        pricing.deactivate(id);
        redirect.addFlashAttribute("deactivated", promotion.label().fr());
        return "redirect:/admin/promotions";
    }

    private String form(Model model, Promotion promotion, PromotionForm form, List<String> problems) {
        model.addAttribute("promotion", promotion);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", PromotionKind.values());
        model.addAttribute("categories", catalog.categories());
        return "backoffice/promotion-form";
    }

    /** What the promotion gives, in a few characters: "−10 %", "−5,00 €", "2+1", "50=5; 100=15". */
    private static String value(Promotion p) {
        return switch (p.kind()) {
            case PERCENTAGE -> "−" + p.percent().toPlainString() + " %";
            case FIXED_AMOUNT -> "−" + p.amount().amount().toPlainString() + " €";
            case FREE_DELIVERY -> "";
            case BUY_X_GET_Y -> p.buyQuantity() + " + " + p.freeQuantity();
            case TIERED_SPEND -> String.join(" · ", p.tiers().stream()
                    .map(t -> t.threshold().amount().toPlainString() + " → −" + t.discount().amount().toPlainString()).toList());
        };
    }
}
