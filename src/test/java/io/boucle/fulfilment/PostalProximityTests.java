package io.boucle.fulfilment;

import java.util.List;

import io.boucle.shared.CountryCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostalProximityTests {

    final SampleRelayDirectory directory = new SampleRelayDirectory();

    @Test
    void theSampleDirectoryHasAboutThirtyPointsWithDistinctIds() {
        assertThat(SampleRelayDirectory.POINTS).hasSizeGreaterThanOrEqualTo(30);
        assertThat(SampleRelayDirectory.POINTS).extracting(PickupPoint::id).doesNotHaveDuplicates();
    }

    @Test
    void nearestPointsShareThePostalCodeThenTheDepartment() {
        List<PickupPoint> near = directory.near(CountryCode.FRANCE, "75011", 5);

        assertThat(near).extracting(PickupPoint::postalCode).containsExactly("75011", "75011", "75011", "75010", "75012");
    }

    @Test
    void anotherCityGetsItsOwnPointsFirst() {
        assertThat(directory.near(CountryCode.FRANCE, "69003", 3)).extracting(PickupPoint::city).containsOnly("Lyon");
        assertThat(directory.near(CountryCode.FRANCE, "33 000", 2)).extracting(PickupPoint::postalCode)
                .containsExactly("33000", "33000");
        // A town with no point of its own: the nearest department comes first.
        assertThat(directory.near(CountryCode.FRANCE, "44300", 1)).extracting(PickupPoint::city).containsExactly("Nantes");
    }

    @Test
    void onlyPointsOfTheCountryAndAtMostTheLimit() {
        assertThat(directory.near(CountryCode.of("BE"), "1000", 10)).hasSize(3)
                .allSatisfy(point -> assertThat(point.country()).isEqualTo(CountryCode.of("BE")));
        assertThat(directory.near(CountryCode.of("DE"), "10115", 10)).isEmpty();
        assertThat(directory.near(CountryCode.FRANCE, "not a code", 4)).hasSize(4);
    }

    @Test
    void findsAPointById() {
        assertThat(directory.find("FR-69003-A")).hasValueSatisfying(point -> assertThat(point.city()).isEqualTo("Lyon"));
        assertThat(directory.find("FR-00000-Z")).isEmpty();
    }
}
