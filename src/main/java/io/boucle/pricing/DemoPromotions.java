package io.boucle.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductDetails;
import io.boucle.shared.DemoSeeder;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The demo shop's promotions, and a price history that makes a few products lawfully reduced: their
 * price was higher 25 and 20 days ago, so the shop announces a reduction against the lowest of those.
 */
@Component
class DemoPromotions implements DemoSeeder {

    /** Products of the demo catalog shown on sale; missing ones are skipped. */
    static final List<String> ON_SALE = List.of("pull-col-rond-merinos-femme", "chemise-lin-lave-femme",
            "echarpe-laine-agneau", "chaussures-derby-cuir", "t-shirt-coton-epais");

    static final String SALE_CATEGORY = "the-cafe";

    private final Pricing pricing;
    private final Catalog catalog;
    private final Clock clock;

    DemoPromotions(Pricing pricing, Catalog catalog, Clock clock) {
        this.pricing = pricing;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "pricing";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void seed() {
        Instant now = Instant.now(clock);
        for (String slug : ON_SALE) {
            catalog.findBySlug(slug, true).ifPresent(product -> {
                for (ProductDetails.Variant variant : product.variants()) {
                    Money price = variant.price();
                    // 60 then 45 then 40, as in the rule's example: the reference is the lower of the two.
                    pricing.recordPrice(variant.sku(), higher(price, "1.40"), now.minus(Duration.ofDays(25)));
                    pricing.recordPrice(variant.sku(), higher(price, "1.15"), now.minus(Duration.ofDays(20)));
                    pricing.recordPrice(variant.sku(), price, now.minus(Duration.ofHours(1)));
                }
            });
        }
        pricing.create(new PromotionDraft("BIENVENUE10", LocalizedText.of("Bienvenue : −10 % sur la première commande",
                "Welcome: 10% off the first order"), PromotionKind.PERCENTAGE, BigDecimal.TEN, null, null, null, null,
                null, null, null, null, null, null, 1, true, 10));
        pricing.create(new PromotionDraft(null, LocalizedText.of("Livraison offerte dès 60 €", "Free delivery from €60"),
                PromotionKind.FREE_DELIVERY, null, null, null, null, null, null, null, Money.euros("60.00"), null, null, null,
                null, true, 50));
        if (catalog.category(SALE_CATEGORY).isPresent()) {
            pricing.create(new PromotionDraft(null, LocalizedText.of("Thés et cafés : −15 %", "Teas and coffees: 15% off"),
                    PromotionKind.PERCENTAGE, BigDecimal.valueOf(15), null, null, null, null, SALE_CATEGORY, null, null,
                    now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(28)), null, null, true, 20));
        }
        pricing.create(new PromotionDraft(null, LocalizedText.of("−5 € dès 50 €, −15 € dès 100 €", "€5 off from €50, €15 off from €100"),
                PromotionKind.TIERED_SPEND, null, null, null, null,
                List.of(new Promotion.Tier(Money.euros("50.00"), Money.euros("5.00")),
                        new Promotion.Tier(Money.euros("100.00"), Money.euros("15.00"))),
                null, null, null, null, null, null, null, true, 30));
    }

    /** A former price: {@code factor} times the price, rounded up to the euro, less 10 cents (e.g. 89 → 124.90). */
    static Money higher(Money price, String factor) {
        BigDecimal raised = price.amount().multiply(new BigDecimal(factor)).setScale(0, RoundingMode.CEILING)
                .subtract(new BigDecimal("0.10"));
        return Money.of(raised.max(price.amount().add(BigDecimal.ONE)), price.currency());
    }
}
