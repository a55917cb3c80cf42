package io.boucle.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.boucle.audit.Audit;
import io.boucle.shared.CountryCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery methods a parcel can take, with their prices and estimated dates. */
@Service
public class Delivery {

    /** Pickup points listed at most at once. */
    public static final int MAX_PICKUP_POINTS = 50;

    private final DeliveryMethodStore store;
    private final PickupPointDirectory relays;
    private final Clock clock;
    private final Audit audit;

    Delivery(DeliveryMethodStore store, PickupPointDirectory relays, Clock clock, Audit audit) {
        this.store = store;
        this.audit = audit;
        this.relays = relays;
        this.clock = clock;
    }

    /** Every method that can deliver this parcel, cheapest first, for an order placed at {@code orderedAt}. */
    public List<DeliveryQuote> quotes(Parcel parcel, Instant orderedAt) {
        Objects.requireNonNull(parcel, "parcel");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Set<CountryCode> storeCountries = store.stores().stream().map(PickupPoint::country).collect(Collectors.toSet());
        return DeliveryQuotes.of(store.methods(), storeCountries, parcel, orderedAt);
    }

    /** One method's quote, when it can deliver this parcel. */
    public Optional<DeliveryQuote> quote(String code, Parcel parcel, Instant orderedAt) {
        return quotes(parcel, orderedAt).stream().filter(quote -> quote.code().equals(code)).findFirst();
    }

    /**
     * Relay points and stores near a postal code, nearest first (by postal code): relay points for a
     * relay method, the merchant's stores for click & collect, none for other methods or where the
     * method does not deliver. {@code limit} is kept between 1 and {@link #MAX_PICKUP_POINTS}.
     *
     * @throws IllegalArgumentException when no method has this code
     */
    public List<PickupPoint> pickupPoints(String code, CountryCode country, String postalCode, int limit) {
        DeliveryMethod method = method(code).orElseThrow(() ->
                new IllegalArgumentException("no delivery method has the code '" + code + "'"));
        int kept = Math.clamp(limit, 1, MAX_PICKUP_POINTS);
        if (!method.active() || !method.countries().contains(country)) {
            return List.of();
        }
        return switch (method.kind()) {
            case RELAY -> relays.near(country, postalCode, kept);
            case CLICK_AND_COLLECT -> PostalProximity.nearest(store.stores(), country, postalCode, kept);
            case HOME, EXPRESS -> List.of();
        };
    }

    /** A pickup point (relay or store) by its id, when the method {@code code} serves it. */
    public Optional<PickupPoint> pickupPoint(String code, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return method(code).filter(DeliveryMethod::active).flatMap(method -> (switch (method.kind()) {
            case RELAY -> relays.find(id);
            case CLICK_AND_COLLECT -> store.stores().stream().filter(point -> point.id().equals(id)).findFirst();
            case HOME, EXPRESS -> Optional.<PickupPoint>empty();
        }).filter(point -> method.countries().contains(point.country())));
    }

    // Settings

    /** Every delivery method, active or not, in the order the shop lists them. */
    public List<DeliveryMethod> methods() {
        return store.methods();
    }

    public Optional<DeliveryMethod> method(String code) {
        return store.methods().stream().filter(method -> method.code().equals(code)).findFirst();
    }

    /** The merchant's stores where click & collect orders can be picked up. */
    public List<PickupPoint> stores() {
        return store.stores();
    }

    /**
     * What would stop these settings from being saved, without saving anything: for forms that
     * show every mistake at once.
     *
     * @throws NoSuchElementException when no method has this code
     */
    public List<InvalidDeliveryMethod.Problem> check(String code, DeliveryMethodSettings settings) {
        DeliveryMethod current = method(code).orElseThrow(() ->
                new NoSuchElementException("no delivery method has the code '" + code + "'"));
        return DeliveryMethodRules.check(current, settings);
    }

    /**
     * Changes a method's settings, all or nothing; quotes on this node follow at once.
     *
     * @throws NoSuchElementException when no method has this code
     * @throws InvalidDeliveryMethod  when the settings break a rule; nothing was written
     */
    @Transactional
    public DeliveryMethod updateMethod(String code, DeliveryMethodSettings settings) {
        Objects.requireNonNull(settings, "settings");
        DeliveryMethod current = store.lockForUpdate(code).orElseThrow(() ->
                new NoSuchElementException("no delivery method has the code '" + code + "'"));
        List<InvalidDeliveryMethod.Problem> problems = DeliveryMethodRules.check(current, settings);
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryMethod(problems);
        }
        store.save(code, settings, current.currency(), Instant.now(clock));
        audit.record("delivery-method.update", "delivery-method", code, (settings.active() ? "active" : "inactive")
                + " · " + settings.label().fr() + " · " + settings.carrier() + " · " + settings.countries().size() + " countries · "
                + settings.priceBands().size() + " price bands" + settings.freeAbove().map(free -> " · free above "
                + free.amount().toPlainString() + " " + free.currency()).orElse("") + " · cut-off " + settings.cutOff()
                + " · " + settings.preparationDays() + "+" + settings.transitDaysMin() + "–" + settings.transitDaysMax() + " days");
        return store.lockForUpdate(code).orElseThrow();
    }

    /** When no date was announced, goods are due within 30 days of the order (Code de la consommation L216-1). */
    public static LocalDate latestLawfulDelivery(LocalDate orderDate) {
        return orderDate.plusDays(30);
    }
}
