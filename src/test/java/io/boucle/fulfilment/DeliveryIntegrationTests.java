package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@IntegrationTest
class DeliveryIntegrationTests {

    /** Tuesday 3 March 2026, 10:00 in Paris. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-03-03T09:00:00Z");
    static final CountryCode ICELAND = CountryCode.of(TestDeliveryMethods.COUNTRY);

    @Autowired
    Delivery delivery;

    @Autowired
    DeliveryTeaser teaser;

    @Autowired
    ApplicationContext context;

    final String code = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTestMethod() {
        TestDeliveryMethods.delete(context, code);
    }

    @Test
    void aNewShopOffersFourMethodsToFrance() {
        List<DeliveryQuote> quotes = delivery.quotes(new Parcel(CountryCode.FRANCE, "75011", 800, Money.euros("20.00")),
                TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code, DeliveryQuote::price, DeliveryQuote::standardPrice,
                DeliveryQuote::pickupPointRequired).containsExactly(
                tuple("collect", Money.euros("0"), Money.euros("0"), true),
                tuple("relay", Money.euros("3.95"), Money.euros("3.95"), true),
                tuple("home", Money.euros("6.95"), Money.euros("6.95"), false),
                tuple("express", Money.euros("12.90"), Money.euros("6.95"), false));
        assertThat(quotes.get(2).label().en()).isEqualTo("Home delivery");
        assertThat(quotes.get(2).earliest()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(quotes.get(3).latest()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(delivery.quote("relay", new Parcel(CountryCode.FRANCE, null, 800, Money.euros("50.00")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> assertThat(quote.price()).isEqualTo(Money.euros("0")));
    }

    @Test
    void belgiumGetsHomeAndRelayAtTheDefaultPricesButNoStoreAndNoExpress() {
        List<DeliveryQuote> quotes = delivery.quotes(new Parcel(CountryCode.of("BE"), "1000", 1500, Money.euros("30.00")),
                TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code, DeliveryQuote::price)
                .containsExactly(tuple("relay", Money.euros("7.95")), tuple("home", Money.euros("14.95")));
    }

    @Test
    void pickupPointsAreRelaysForTheRelayMethodAndStoresForClickAndCollect() {
        assertThat(delivery.pickupPoints("relay", CountryCode.FRANCE, "75011", 3)).extracting(PickupPoint::postalCode)
                .containsExactly("75011", "75011", "75011");
        assertThat(delivery.pickupPoints("collect", CountryCode.FRANCE, "69003", 5)).extracting(PickupPoint::id)
                .containsExactly("lyon-part-dieu", "paris-bastille");
        assertThat(delivery.pickupPoints("home", CountryCode.FRANCE, "75011", 5)).isEmpty();
        assertThat(delivery.pickupPoints("relay", CountryCode.of("DE"), "10115", 5)).as("not served").isEmpty();
        assertThatThrownBy(() -> delivery.pickupPoints("drone", CountryCode.FRANCE, "75011", 5))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(delivery.pickupPoint("relay", "FR-69003-A")).hasValueSatisfying(point -> assertThat(point.city()).isEqualTo("Lyon"));
        assertThat(delivery.pickupPoint("collect", "paris-bastille")).isPresent();
        assertThat(delivery.pickupPoint("collect", "FR-69003-A")).as("a relay is not a store").isEmpty();
        assertThat(delivery.pickupPoint("relay", "paris-bastille")).as("a store is not a relay").isEmpty();
        assertThat(delivery.pickupPoint("home", "FR-69003-A")).isEmpty();
        assertThat(delivery.pickupPoint("drone", "FR-69003-A")).isEmpty();
    }

    @Test
    void theProductPageTeaserShowsTheStandardHomeDelivery() {
        assertThat(teaser.fastestHome(CountryCode.FRANCE, 800, Money.euros("20.00"), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> {
                    assertThat(quote.code()).isEqualTo("home");
                    assertThat(quote.earliest()).isEqualTo(LocalDate.of(2026, 3, 5));
                    assertThat(quote.latest()).as("Colissimo delivers on Saturdays").isEqualTo(LocalDate.of(2026, 3, 7));
                });
        assertThat(teaser.fastestHome(CountryCode.of("JP"), 800, Money.euros("20.00"), TUESDAY_MORNING)).isEmpty();
    }

    @Test
    void anUpdateChangesTheQuotesAtOnce() {
        TestDeliveryMethods.create(context, code);
        Parcel parcel = new Parcel(ICELAND, null, 800, Money.euros("50.00"));
        assertThat(delivery.quote(code, parcel, TUESDAY_MORNING)).hasValueSatisfying(quote ->
                assertThat(quote.price()).isEqualTo(Money.euros("9.00")));

        DeliveryMethod method = delivery.method(code).orElseThrow();
        DeliveryFixtures.Edit edit = new DeliveryFixtures.Edit(method.settings());
        edit.priceBands = List.of(PriceBand.upTo(ICELAND, 1000, Money.euros("7.50")));
        edit.freeAbove = java.util.Optional.of(Money.euros("100"));
        edit.cutOff = java.time.LocalTime.of(9, 0);
        DeliveryMethod updated = delivery.updateMethod(code, edit.settings());

        assertThat(updated.priceBands()).containsExactly(PriceBand.upTo(ICELAND, 1000, Money.euros("7.50")));
        assertThat(delivery.quote(code, parcel, TUESDAY_MORNING)).hasValueSatisfying(quote -> {
            assertThat(quote.price()).isEqualTo(Money.euros("7.50"));
            assertThat(quote.earliest()).as("10:00 is now after the cut-off").isEqualTo(LocalDate.of(2026, 3, 6));
        });
        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 800, Money.euros("100.00")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> assertThat(quote.price().isZero()).isTrue());
        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 2000, Money.euros("50")), TUESDAY_MORNING)).isEmpty();
    }

    @Test
    void invalidSettingsWriteNothing() {
        TestDeliveryMethods.create(context, code);
        DeliveryMethod before = delivery.method(code).orElseThrow();
        DeliveryFixtures.Edit edit = new DeliveryFixtures.Edit(before.settings());
        edit.carrier = "Someone else";
        edit.priceBands = List.of(PriceBand.upTo(ICELAND, 2000, Money.euros("7.50")), PriceBand.upTo(ICELAND, 1000, Money.euros("5")));

        assertThatThrownBy(() -> delivery.updateMethod(code, edit.settings())).isInstanceOfSatisfying(InvalidDeliveryMethod.class,
                e -> assertThat(e.problems()).extracting(InvalidDeliveryMethod.Problem::code).containsExactly("bands.order"));
        assertThat(delivery.method(code)).contains(before);
        assertThatThrownBy(() -> delivery.updateMethod("no-such-" + code, before.settings()))
                .isInstanceOf(NoSuchElementException.class);
    }
}
