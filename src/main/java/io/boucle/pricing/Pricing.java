package io.boucle.pricing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.boucle.audit.Audit;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.Category;
import io.boucle.shared.Identifiers;
import io.boucle.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Prices carts with the promotions in force and keeps the price history.
 * <p>
 * Pricing a cart reads an in-memory snapshot of the promotions (see {@link PromotionEngine} for the
 * rules). A change made through this facade replaces the snapshot on this node once its transaction
 * commits; every node also reloads it when it is older than {@code boucle.pricing.cache-ttl} (5 s by
 * default), so several nodes agree within that time. Usage counts in the snapshot may lag by as much:
 * {@link #redeem} is what enforces limits exactly.
 */
@Service
public class Pricing {

    private record Snapshot(long loadedAt, long generation, PromotionSnapshot promotions) {
    }

    private final PromotionStore store;
    private final PriceHistory history;
    private final Catalog catalog;
    private final Clock clock;
    private final Audit audit;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    Pricing(PromotionStore store, PriceHistory history, Catalog catalog, Clock clock,
            @Value("${boucle.pricing.cache-ttl:PT5S}") Duration ttl, Audit audit) {
        this.store = store;
        this.audit = audit;
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    // Pricing

    /** The discounts of a cart: automatic promotions and the codes entered, with the combinability rules. */
    public PricedCart price(PricingRequest request) {
        PromotionSnapshot promotions = snapshot();
        Map<String, Integer> customerUses = Map.of();
        if (request.customerEmail() != null && !request.customerEmail().isBlank() && promotions.hasPerCustomerLimits()) {
            customerUses = store.usesBy(PromotionStore.normaliseEmail(request.customerEmail()));
        }
        return PromotionEngine.price(request, promotions, customerUses);
    }

    /** The snapshot in force: reloaded when older than the TTL or after a change on this node. */
    PromotionSnapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.loadedAt() >= ttlNanos || current.generation() != generation.get()) {
            current = reload();
        }
        return current.promotions();
    }

    private synchronized Snapshot reload() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        long seen = generation.get();
        if (current != null && now - current.loadedAt() < ttlNanos && current.generation() == seen) {
            return current; // another thread reloaded meanwhile
        }
        Map<String, String> parents = new HashMap<>();
        for (Category category : catalog.categories()) {
            parents.put(category.slug(), category.parentSlug());
        }
        Snapshot loaded = new Snapshot(now, seen, new PromotionSnapshot(store.all(false), parents));
        // A change committed while loading bumped the generation: the next call loads again.
        snapshot = loaded;
        return loaded;
    }

    private void changed() {
        generation.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        }
    }

    // Promotions

    /** Every promotion, the newest first. */
    @Transactional(readOnly = true)
    public List<Promotion> promotions() {
        return store.all(true);
    }

    @Transactional(readOnly = true)
    public Optional<Promotion> promotion(String id) {
        return uuid(id).flatMap(store::find);
    }

    /**
     * @throws IllegalArgumentException listing every problem of the draft
     * @throws DuplicatePromotionCode   when another promotion has the code
     */
    @Transactional
    public Promotion create(PromotionDraft draft) {
        PromotionDraft checked = check(draft);
        UUID id = Identifiers.newUuid(clock);
        store.insert(id, checked, PromotionChecks.currencyOf(checked), Instant.now(clock));
        changed();
        audit.record("promotion.create", "promotion", id.toString(), summary(checked));
        return store.find(id).orElseThrow();
    }

    /**
     * Replaces a promotion's content; its uses and state are kept.
     *
     * @return empty when there is no such promotion
     */
    @Transactional
    public Optional<Promotion> update(String id, PromotionDraft draft) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty() || store.find(uuid.get()).isEmpty()) {
            return Optional.empty();
        }
        PromotionDraft checked = check(draft);
        store.update(uuid.get(), checked, PromotionChecks.currencyOf(checked), Instant.now(clock));
        changed();
        audit.record("promotion.update", "promotion", uuid.get().toString(), summary(checked));
        return store.find(uuid.get());
    }

    /** Stops a promotion for good (it stays listed with its uses); false when there is no such promotion. */
    @Transactional
    public boolean deactivate(String id) {
        Optional<UUID> uuid = uuid(id);
        boolean done = uuid.isPresent() && store.deactivate(uuid.get(), Instant.now(clock));
        if (done) {
            changed();
            audit.record("promotion.deactivate", "promotion", uuid.get().toString(), "deactivated");
        }
        return done;
    }

    /** A promotion in a line, for the audit log. */
    private static String summary(PromotionDraft draft) {
        StringBuilder text = new StringBuilder(draft.label() == null ? "" : draft.label().fr()).append(" · ").append(draft.kind());
        if (draft.code() != null) {
            text.append(" · code ").append(draft.code());
        }
        if (draft.percent() != null) {
            text.append(" · ").append(draft.percent().toPlainString()).append(" %");
        }
        if (draft.amount() != null) {
            text.append(" · ").append(draft.amount().amount().toPlainString()).append(' ').append(draft.amount().currency());
        }
        if (draft.validFrom() != null || draft.validUntil() != null) {
            text.append(" · ").append(draft.validFrom() == null ? "…" : draft.validFrom()).append(" – ")
                    .append(draft.validUntil() == null ? "…" : draft.validUntil());
        }
        return text.toString();
    }

    private PromotionDraft check(PromotionDraft draft) {
        if (draft == null) {
            throw new IllegalArgumentException("the promotion is missing");
        }
        PromotionDraft normalised = PromotionChecks.normalised(draft);
        List<String> problems = PromotionChecks.problems(normalised, slug -> catalog.category(slug).isPresent(),
                sku -> catalog.kindOfSku(sku).isPresent());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return normalised;
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // Uses

    /**
     * Records that an order used these promotions, inside the caller's transaction, so usage limits hold
     * under concurrency; throws {@link IllegalStateException} when a limit was reached meanwhile (the
     * caller's transaction must then roll back, which gives back the uses taken before). Redeeming the
     * same order again changes nothing.
     */
    @Transactional
    public void redeem(String orderReference, String customerEmail, PricedCart priced, Instant at) {
        if (orderReference == null || orderReference.isBlank() || orderReference.length() > 100) {
            throw new IllegalArgumentException("orderReference: 1 to 100 characters");
        }
        if (customerEmail == null || customerEmail.isBlank() || customerEmail.length() > 320) {
            throw new IllegalArgumentException("customerEmail: required to redeem promotions");
        }
        String email = PromotionStore.normaliseEmail(customerEmail);
        // Always in the same order, so two orders using the same promotions never wait on each other in a cycle.
        Map<String, Money> amounts = new LinkedHashMap<>();
        priced.applied().stream().sorted(Comparator.comparing(AppliedPromotion::promotionId))
                .forEach(applied -> amounts.merge(applied.promotionId(), applied.amount(), Money::plus));
        for (Map.Entry<String, Money> use : amounts.entrySet()) {
            UUID id = uuid(use.getKey()).orElseThrow(() -> new IllegalArgumentException("unknown promotion " + use.getKey()));
            if (!store.recordRedemption(orderReference, id, email, use.getValue(), at)) {
                continue; // this order already holds it
            }
            PromotionStore.Use taken = store.takeUse(id, at).orElseThrow(() -> new IllegalStateException(whyNoUse(id, at)));
            int perCustomer = taken.perCustomerLimit();
            if (!store.takeCustomerUse(id, email, perCustomer)) {
                Promotion promotion = store.find(id).orElseThrow();
                throw new IllegalStateException("The promotion '" + promotion.label().en() + "'" + code(promotion)
                        + " was already used " + perCustomer + " time(s) by " + email + ", its limit per customer.");
            }
            if (taken.usedUp()) {
                changed(); // pricing on this node refuses the code from now on, not only after the TTL
            }
        }
    }

    private String whyNoUse(UUID id, Instant at) {
        Optional<Promotion> found = store.find(id);
        if (found.isEmpty()) {
            return "The promotion " + id + " does not exist.";
        }
        Promotion promotion = found.get();
        String name = "The promotion '" + promotion.label().en() + "'" + code(promotion);
        return switch (promotion.status(at)) {
            case DEACTIVATED -> name + " was deactivated.";
            case EXPIRED -> name + " has expired.";
            case SCHEDULED -> name + " is not valid yet.";
            case USED_UP -> name + " has reached its usage limit of " + promotion.usageLimit() + ".";
            case ACTIVE -> name + " could not be used.";
        };
    }

    private static String code(Promotion promotion) {
        return promotion.code() == null ? "" : " (code " + promotion.code() + ")";
    }

    /** Gives back the uses of a cancelled order; calling it again changes nothing. */
    @Transactional
    public void releaseRedemptions(String orderReference) {
        if (orderReference == null || orderReference.isBlank()) {
            return;
        }
        if (!store.release(orderReference, Instant.now(clock)).isEmpty()) {
            changed();
        }
    }

    // Price history

    /** Records a SKU's selling price from {@code at} on; nothing is added when it is the price already in force. */
    @Transactional
    public void recordPrice(String sku, Money price, Instant at) {
        if (sku == null || sku.isBlank() || sku.length() > 64) {
            throw new IllegalArgumentException("sku: 1 to 64 characters");
        }
        if (price == null || price.isNegative() || !price.isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("price: a positive amount in whole cents");
        }
        history.record(sku, price, at);
    }

    /** The reduction to announce for a SKU sold at {@code price}, when it is below its 30-day reference. */
    public Optional<PriceReduction> reduction(String sku, Money price, Instant at) {
        return Optional.ofNullable(reductions(Map.of(sku, price), at).get(sku));
    }

    /** {@link #reduction} for several SKUs at once (one query at most); SKUs without a reduction are absent. */
    public Map<String, PriceReduction> reductions(Map<String, Money> pricesBySku, Instant at) {
        if (pricesBySku.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ReferencePrice.PricePoint>> points = history.points(pricesBySku.keySet());
        Map<String, PriceReduction> reductions = new LinkedHashMap<>();
        pricesBySku.forEach((sku, price) -> ReferencePrice.reduction(points.getOrDefault(sku, List.of()), price, at)
                .ifPresent(reduction -> reductions.put(sku, reduction)));
        return reductions;
    }

    /** Records the current price of each variant of a published product. */
    @Transactional
    void recordPrices(Collection<Map.Entry<String, Money>> prices, Instant at) {
        prices.forEach(price -> history.record(price.getKey(), price.getValue(), at));
    }
}
