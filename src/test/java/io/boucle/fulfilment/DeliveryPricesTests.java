package io.boucle.fulfilment;

import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.boucle.fulfilment.DeliveryFixtures.home;
import static io.boucle.fulfilment.DeliveryFixtures.parcel;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryPricesTests {

    @ParameterizedTest(name = "{0} g to {1} with {2} € of goods: {3}")
    @CsvSource(nullValues = "none", value = {
            // grams, country, goods,  price
            "0,     FR, 20.00, 4.95",
            "400,   FR, 20.00, 4.95",
            "500,   FR, 20.00, 4.95",  // a band's maximum weight is included
            "501,   FR, 20.00, 6.95",
            "800,   FR, 34.99, 6.95",
            "800,   FR, 35.00, 4.95",  // the goods-amount band, reached exactly
            "1000,  FR, 50.00, 4.95",
            "1500,  FR, 50.00, 7.95",  // the amount band belongs to the 1 kg tier only
            "2000,  FR, 59.99, 7.95",
            "2000,  FR, 60.00, 0.00",  // free from exactly the threshold
            "29000, FR, 75.00, 0.00",
            "30000, FR, 10.00, 26.95",
            "30001, FR, 10.00, none",  // too heavy
            "30001, FR, 90.00, none",  // too heavy even when free
            "900,   BE, 10.00, 12.95", // the default grid
            "5000,  DE, 10.00, 44.95",
            "1000,  BE, 60.00, 0.00",
            "30001, DE, 10.00, none",
            "500,   ES, 10.00, none",  // a country the method does not serve
            "500,   US, 10.00, none",
    })
    void pricesByCountryWeightAndGoodsAmount(int grams, String country, String goods, String price) {
        Optional<Money> priced = DeliveryPrices.price(home(), parcel(CountryCode.of(country), grams, goods));

        assertThat(priced).isEqualTo(Optional.ofNullable(price).map(Money::euros));
    }

    @Test
    void aParcelInAnotherCurrencyHasNoPrice() {
        Parcel inDollars = new Parcel(CountryCode.FRANCE, "75011", 500, Money.of("20.00", "USD"));

        assertThat(DeliveryPrices.price(home(), inDollars)).isEmpty();
    }
}
