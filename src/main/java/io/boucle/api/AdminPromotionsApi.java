package io.boucle.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.boucle.pricing.Pricing;
import io.boucle.pricing.Promotion;
import io.boucle.pricing.PromotionDraft;
import io.boucle.pricing.PromotionKind;
import io.boucle.shared.LocalizedText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Promotions and discount codes for integrators (staff API token, owner or manager). A duplicate code
 * is a 409; every other problem of the content is a 400 naming the fields.
 */
@RestController
@RequestMapping("/api/v1/admin/promotions")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class AdminPromotionsApi {

    record Tier(@NotNull @Valid ApiMoney threshold, @NotNull @Valid ApiMoney discount) {
    }

    /**
     * A promotion as sent: kind PERCENTAGE (percent), FIXED_AMOUNT (amount), FREE_DELIVERY,
     * BUY_X_GET_Y (buyQuantity, freeQuantity) or TIERED_SPEND (tiers); no code for an automatic one.
     */
    record PromotionRequest(@Size(max = 32) String code, @NotBlank @Size(max = 200) String label,
            @Size(max = 200) String labelEn, @NotBlank String kind,
            @Pattern(regexp = "\\d{1,3}(\\.\\d{1,2})?", message = "a number such as 10 or 12.5") String percent,
            @Valid ApiMoney amount, Integer buyQuantity, Integer freeQuantity,
            @Size(max = 10) List<@NotNull @Valid Tier> tiers, @Size(max = 120) String category,
            @Size(max = 500) List<@NotBlank String> skus, @Valid ApiMoney minimumSubtotal,
            String validFrom, String validUntil, Integer usageLimit, Integer perCustomerLimit, Boolean combinable,
            @Min(0) @Max(10_000) Integer priority) {

        PromotionDraft toDraft() {
            PromotionKind parsedKind;
            try {
                parsedKind = PromotionKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kind: one of PERCENTAGE, FIXED_AMOUNT, FREE_DELIVERY, BUY_X_GET_Y, TIERED_SPEND");
            }
            return new PromotionDraft(code, LocalizedText.of(label, labelEn), parsedKind,
                    percent == null ? null : new BigDecimal(percent), amount == null ? null : amount.toMoney(),
                    buyQuantity, freeQuantity,
                    tiers == null ? List.of() : tiers.stream()
                            .map(tier -> new Promotion.Tier(tier.threshold().toMoney(), tier.discount().toMoney())).toList(),
                    category, skus, minimumSubtotal == null ? null : minimumSubtotal.toMoney(), instant("validFrom", validFrom),
                    instant("validUntil", validUntil), usageLimit, perCustomerLimit, combinable == null || combinable,
                    priority == null ? 100 : priority);
        }

        private static Instant instant(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + ": an ISO 8601 instant such as 2026-05-01T00:00:00Z");
            }
        }
    }

    record TierView(ApiMoney threshold, ApiMoney discount) {
    }

    /** @param status SCHEDULED, ACTIVE, EXPIRED, USED_UP or DEACTIVATED, now */
    record PromotionView(String id, String code, boolean automatic, String label, String labelEn, String kind, String percent,
            ApiMoney amount, Integer buyQuantity, Integer freeQuantity, List<TierView> tiers, String category, List<String> skus,
            ApiMoney minimumSubtotal, String validFrom, String validUntil, Integer usageLimit, Integer perCustomerLimit,
            boolean combinable, int priority, boolean active, String status, long uses, String createdAt) {

        static PromotionView of(Promotion p, Instant now) {
            return new PromotionView(p.id(), p.code(), p.automatic(), p.label().fr(), p.label().en(), p.kind().name(),
                    p.percent() == null ? null : p.percent().toPlainString(), p.amount() == null ? null : ApiMoney.of(p.amount()),
                    p.buyQuantity(), p.freeQuantity(),
                    p.tiers().stream().map(t -> new TierView(ApiMoney.of(t.threshold()), ApiMoney.of(t.discount()))).toList(),
                    p.categorySlug(), p.skus(), p.minimumSubtotal() == null ? null : ApiMoney.of(p.minimumSubtotal()),
                    text(p.validFrom()), text(p.validUntil()), p.usageLimit(), p.perCustomerLimit(), p.combinable(),
                    p.priority(), p.active(), p.status(now).name(), p.uses(), text(p.createdAt()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    private final Pricing pricing;
    private final Clock clock;

    AdminPromotionsApi(Pricing pricing, Clock clock) {
        this.pricing = pricing;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Every promotion, the newest first, with its status and uses")
    List<PromotionView> list() {
        Instant now = Instant.now(clock);
        return pricing.promotions().stream().map(p -> PromotionView.of(p, now)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a promotion, automatic or with a code (codes are unique, compared without case)")
    PromotionView create(@Valid @RequestBody PromotionRequest request) {
        return PromotionView.of(pricing.create(request.toDraft()), Instant.now(clock));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One promotion")
    PromotionView get(@PathVariable String id) {
        return PromotionView.of(pricing.promotion(id).orElseThrow(() -> notFound(id)), Instant.now(clock));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a promotion's content; its uses and state are kept")
    PromotionView update(@PathVariable String id, @Valid @RequestBody PromotionRequest request) {
        PromotionDraft draft = request.toDraft();
        return PromotionView.of(pricing.update(id, draft).orElseThrow(() -> notFound(id)), Instant.now(clock));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(summary = "Stop a promotion for good; it stays listed with its uses")
    PromotionView deactivate(@PathVariable String id) {
        if (!pricing.deactivate(id)) {
            throw notFound(id);
        }
        return PromotionView.of(pricing.promotion(id).orElseThrow(), Instant.now(clock));
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No promotion has the id '" + id + "'.");
    }
}
