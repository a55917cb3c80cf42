package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.boucle.shared.CountryCode;
import org.junit.jupiter.api.Test;

import static io.boucle.fulfilment.DeliveryFixtures.BE;
import static io.boucle.fulfilment.DeliveryFixtures.FR;
import static io.boucle.fulfilment.DeliveryFixtures.collect;
import static io.boucle.fulfilment.DeliveryFixtures.eur;
import static io.boucle.fulfilment.DeliveryFixtures.express;
import static io.boucle.fulfilment.DeliveryFixtures.home;
import static io.boucle.fulfilment.DeliveryFixtures.inactive;
import static io.boucle.fulfilment.DeliveryFixtures.parcel;
import static io.boucle.fulfilment.DeliveryFixtures.relay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DeliveryQuotesTests {

    /** Tuesday 3 March 2026, 10:00 in Paris. */
    static final Instant TUESDAY_MORNING = Instant.parse("2026-03-03T09:00:00Z");

    static final List<DeliveryMethod> ALL = List.of(home(), relay(), collect(), express());

    @Test
    void listsEveryMethodThatDeliversTheParcelCheapestFirstWithItsDates() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(ALL, Set.of(FR), parcel(FR, 800, "20.00"), TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code, DeliveryQuote::price, DeliveryQuote::pickupPointRequired)
                .containsExactly(
                        tuple("collect", eur("0"), true),
                        tuple("relay", eur("3.95"), true),
                        tuple("home", eur("6.95"), false),
                        tuple("express", eur("12.90"), false));
        DeliveryQuote home = quotes.get(2);
        assertThat(home.kind()).isEqualTo(DeliveryKind.HOME);
        assertThat(home.label().fr()).isEqualTo("Domicile");
        assertThat(home.earliest()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(home.latest()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(quotes.get(3).earliest()).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    void aWithdrawalRefundsTheCheapestHomeDeliveryNotTheExtraOfExpress() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(ALL, Set.of(FR), parcel(FR, 800, "20.00"), TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code, DeliveryQuote::standardPrice).containsExactly(
                tuple("collect", eur("0")),
                tuple("relay", eur("3.95")),
                tuple("home", eur("6.95")),
                tuple("express", eur("6.95")));
    }

    @Test
    void expressIsTheStandardPriceWhenNoHomeDeliveryIsOffered() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(List.of(inactive(home()), express()), Set.of(), parcel(FR, 800, "20.00"),
                TUESDAY_MORNING);

        assertThat(quotes).singleElement().satisfies(quote -> {
            assertThat(quote.code()).isEqualTo("express");
            assertThat(quote.standardPrice()).isEqualTo(eur("12.90"));
        });
    }

    @Test
    void whenHomeDeliveryWouldBeFreeAWithdrawalRefundsNoDelivery() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(ALL, Set.of(FR), parcel(FR, 800, "80.00"), TUESDAY_MORNING);

        assertThat(quotes).filteredOn(quote -> quote.code().equals("express")).singleElement()
                .satisfies(quote -> assertThat(quote.standardPrice()).isEqualTo(eur("0")));
    }

    @Test
    void leavesOutInactiveMethodsAndClickAndCollectWhereThereIsNoStore() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(List.of(home(), inactive(relay()), collect(), express()), Set.of(BE),
                parcel(FR, 800, "20.00"), TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code).containsExactly("home", "express");
    }

    @Test
    void noQuoteForACountryNobodyServesOrAParcelTooHeavyForAll() {
        assertThat(DeliveryQuotes.of(ALL, Set.of(FR), parcel(CountryCode.of("JP"), 800, "20.00"), TUESDAY_MORNING)).isEmpty();
        assertThat(DeliveryQuotes.of(ALL, Set.of(FR), parcel(FR, 30_001, "20.00"), TUESDAY_MORNING)).isEmpty();
        assertThat(DeliveryQuotes.of(ALL, Set.of(FR), parcel(FR, 25_000, "20.00"), TUESDAY_MORNING))
                .extracting(DeliveryQuote::code).as("relay carries 20 kg at most").containsExactly("collect", "express", "home");
    }

    @Test
    void methodsOfTheSamePriceKeepTheMerchantsOrder() {
        List<DeliveryQuote> quotes = DeliveryQuotes.of(List.of(home(), relay(), express()), Set.of(),
                parcel(FR, 800, "60.00"), TUESDAY_MORNING);

        assertThat(quotes).extracting(DeliveryQuote::code).containsExactly("home", "relay", "express");
    }
}
