package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionChecksTests {

    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

    static PromotionDraft percent(String value) {
        return new PromotionDraft(null, LocalizedText.of("Soldes", "Sale"), PromotionKind.PERCENTAGE, new BigDecimal(value), null,
                null, null, null, null, null, null, null, null, null, null, true, 100);
    }

    static PromotionDraft kind(PromotionKind kind) {
        return new PromotionDraft(null, LocalizedText.of("Promo", "Promo"), kind, null, null, null, null, null, null, null,
                null, null, null, null, null, true, 100);
    }

    static List<String> problems(PromotionDraft draft) {
        return PromotionChecks.problems(PromotionChecks.normalised(draft), slug -> slug.equals("cuisine"), sku -> sku.startsWith("OK-"));
    }

    static Stream<Arguments> badDrafts() {
        PromotionDraft base = percent("10");
        return Stream.of(
                Arguments.of("percent 0", percent("0"), "percent: more than 0 and at most 100"),
                Arguments.of("percent above 100", percent("100.01"), "percent: more than 0 and at most 100"),
                Arguments.of("percent with 3 decimals", percent("12.345"), "percent: at most two decimals"),
                Arguments.of("percent missing", kind(PromotionKind.PERCENTAGE), "percent: required"),
                Arguments.of("amount missing", kind(PromotionKind.FIXED_AMOUNT), "amount: required"),
                Arguments.of("amount zero", with(kind(PromotionKind.FIXED_AMOUNT), d -> copy(d, null, Money.euros("0"), null, null)),
                        "amount: more than zero"),
                Arguments.of("amount in fractions of a cent", with(kind(PromotionKind.FIXED_AMOUNT),
                        d -> copy(d, null, Money.euros("1.005"), null, null)), "amount: in whole cents"),
                Arguments.of("percent on a fixed amount", with(kind(PromotionKind.FIXED_AMOUNT),
                        d -> copy(d, BigDecimal.TEN, Money.euros("5"), null, null)), "percent: only for a PERCENTAGE"),
                Arguments.of("X missing", with(kind(PromotionKind.BUY_X_GET_Y), d -> copy(d, null, null, null, 1)), "buyQuantity:"),
                Arguments.of("Y zero", with(kind(PromotionKind.BUY_X_GET_Y), d -> copy(d, null, null, 2, 0)), "freeQuantity:"),
                Arguments.of("no tier", kind(PromotionKind.TIERED_SPEND), "tiers: from 1 to 10"),
                Arguments.of("tiers not ascending", tiers("100:15", "50:5"), "tiers[1].threshold: above the previous tier's"),
                Arguments.of("tier discount above its threshold", tiers("10:15"), "tiers[0].discount: at most the threshold"),
                Arguments.of("bad code", with(base, d -> withCode(d, "a b")), "code: 3 to 32"),
                Arguments.of("short code", with(base, d -> withCode(d, "ab")), "code: 3 to 32"),
                Arguments.of("no label", new PromotionDraft(null, LocalizedText.of(" ", ""), PromotionKind.FREE_DELIVERY, null, null,
                        null, null, null, null, null, null, null, null, null, null, true, 100), "label: required"),
                Arguments.of("no kind", new PromotionDraft(null, LocalizedText.of("x", ""), null, null, null, null, null, null, null,
                        null, null, null, null, null, null, true, 100), "kind: one of"),
                Arguments.of("dates in the wrong order", new PromotionDraft(null, LocalizedText.of("x", ""), PromotionKind.FREE_DELIVERY,
                        null, null, null, null, null, null, null, null, T, T, null, null, true, 100), "validUntil: after validFrom"),
                Arguments.of("unknown category", scope("jardin", List.of()), "category: unknown category 'jardin'"),
                Arguments.of("unknown SKU", scope(null, List.of("NOPE")), "skus: no variant has the SKU 'NOPE'"),
                Arguments.of("category and SKUs", scope("cuisine", List.of("OK-1")), "scope: a category or a list of SKUs"),
                Arguments.of("usage limit 0", new PromotionDraft(null, LocalizedText.of("x", ""), PromotionKind.FREE_DELIVERY, null, null,
                        null, null, null, null, null, null, null, null, 0, 0, true, 100), "usageLimit: at least 1"),
                Arguments.of("negative minimum", new PromotionDraft(null, LocalizedText.of("x", ""), PromotionKind.FREE_DELIVERY, null,
                        null, null, null, null, null, null, Money.euros("-1"), null, null, null, null, true, 100),
                        "minimumSubtotal: not negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDrafts")
    void refusesBadDraftsNamingTheField(String rule, PromotionDraft draft, String problem) {
        assertThat(problems(draft)).anySatisfy(found -> assertThat(found).contains(problem));
    }

    @Test
    void acceptsAWellFormedDraftOfEachKindAndNormalisesTheCode() {
        assertThat(problems(with(percent("12.5"), d -> withCode(d, " bienvenue-10 ")))).isEmpty();
        assertThat(PromotionChecks.normalised(withCode(percent("10"), " bienvenue-10 ")).code()).isEqualTo("BIENVENUE-10");
        assertThat(problems(percent("100"))).isEmpty();
        assertThat(problems(tiers("50:5", "100:15"))).isEmpty();
        assertThat(problems(scope("cuisine", List.of()))).isEmpty();
        assertThat(problems(scope(null, List.of("OK-1", "OK-2")))).isEmpty();
        assertThat(problems(copy(kind(PromotionKind.BUY_X_GET_Y), null, null, 2, 1))).isEmpty();
        assertThat(problems(kind(PromotionKind.FREE_DELIVERY))).isEmpty();
    }

    static PromotionDraft with(PromotionDraft draft, UnaryOperator<PromotionDraft> change) {
        return change.apply(draft);
    }

    static PromotionDraft copy(PromotionDraft d, BigDecimal percent, Money amount, Integer buy, Integer free) {
        return new PromotionDraft(d.code(), d.label(), d.kind(), percent, amount, buy, free, d.tiers(), d.categorySlug(), d.skus(),
                d.minimumSubtotal(), d.validFrom(), d.validUntil(), d.usageLimit(), d.perCustomerLimit(), d.combinable(), d.priority());
    }

    static PromotionDraft withCode(PromotionDraft d, String code) {
        return new PromotionDraft(code, d.label(), d.kind(), d.percent(), d.amount(), d.buyQuantity(), d.freeQuantity(), d.tiers(),
                d.categorySlug(), d.skus(), d.minimumSubtotal(), d.validFrom(), d.validUntil(), d.usageLimit(), d.perCustomerLimit(),
                d.combinable(), d.priority());
    }

    static PromotionDraft tiers(String... tiers) {
        return new PromotionDraft(null, LocalizedText.of("Paliers", ""), PromotionKind.TIERED_SPEND, null, null, null, null,
                Stream.of(tiers).map(t -> t.split(":")).map(t -> new Promotion.Tier(Money.euros(t[0]), Money.euros(t[1]))).toList(),
                null, null, null, null, null, null, null, true, 100);
    }

    static PromotionDraft scope(String category, List<String> skus) {
        return new PromotionDraft(null, LocalizedText.of("Portée", ""), PromotionKind.PERCENTAGE, BigDecimal.TEN, null, null, null,
                null, category, skus, null, null, null, null, null, true, 100);
    }
}
