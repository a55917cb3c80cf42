package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.A_DATE_IN_2026;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.SaleBuilder.secondHand;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The price the storefront shows once the delivery country is known. */
class ConsumerPriceTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;
    static final DistanceSales SMALL_SELLER = DistanceSales.none();
    static final DistanceSales LARGE_SELLER = DistanceSales.of(eur("25000.00"), eur("40000.00"));

    @ParameterizedTest(name = "{0} {1}, {2}: {3}")
    @CsvSource({
            "FR, 75011, SMALL,  720.00",
            "MC, 98000, LARGE,  720.00",
            "DE, 10115, SMALL,  720.00",
            "DE, 10115, LARGE,  714.00",
            "HU, 1011,  LARGE,  762.00",
            "US, 10001, SMALL,  600.00",
            "FR, 97400, LARGE,  600.00",
    })
    void theShownPriceFollowsTheDeliveryCountry(String country, String postcode, String seller, String price) {
        assertThat(ENGINE.consumerUnitPrice(goods("DESK", TaxCategory.STANDARD, "720.00"), Destination.of(country, postcode),
                A_DATE_IN_2026, seller.equals("SMALL") ? SMALL_SELLER : LARGE_SELLER)).isEqualTo(eur(price));
    }

    @Test
    void theShownPriceIsForOneUnitWhateverTheQuantity() {
        assertThat(ENGINE.consumerUnitPrice(goods("MUG", TaxCategory.STANDARD, 4, "12.00"), Destination.of("DE", "10115"),
                A_DATE_IN_2026, LARGE_SELLER)).isEqualTo(eur("11.90"));
    }

    @Test
    void secondHandGoodsShowTheirCatalogPriceEverywhere() {
        SaleLine chair = secondHand("CHAIR", "160.00", "100.00");
        for (String country : new String[] {"FR", "DE", "US", "HU"}) {
            assertThat(ENGINE.consumerUnitPrice(chair, Destination.of(country, ""), A_DATE_IN_2026, LARGE_SELLER))
                    .as(country).isEqualTo(eur("160.00"));
        }
    }

    @Test
    void theShownPriceIsWhatTheCheckoutCharges() {
        SaleLine book = goods("BOOK", TaxCategory.REDUCED_5_5, 3, "17.90");
        Destination vienna = Destination.of("AT", "1010");

        VatAssessment checkout = ENGINE.assess(new Sale(A_DATE_IN_2026, java.util.List.of(book), eur("0.00"), vienna,
                Buyer.consumer(), LARGE_SELLER));

        assertThat(checkout.line("BOOK").unit().inclVat())
                .isEqualTo(ENGINE.consumerUnitPrice(book, vienna, A_DATE_IN_2026, LARGE_SELLER));
    }
}
