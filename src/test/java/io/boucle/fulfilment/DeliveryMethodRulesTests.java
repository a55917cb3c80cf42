package io.boucle.fulfilment;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.boucle.fulfilment.DeliveryFixtures.Edit;
import io.boucle.fulfilment.InvalidDeliveryMethod.Problem;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.boucle.fulfilment.DeliveryFixtures.BE;
import static io.boucle.fulfilment.DeliveryFixtures.DE;
import static io.boucle.fulfilment.DeliveryFixtures.ES;
import static io.boucle.fulfilment.DeliveryFixtures.FR;
import static io.boucle.fulfilment.DeliveryFixtures.eur;
import static io.boucle.fulfilment.DeliveryFixtures.home;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DeliveryMethodRulesTests {

    @Test
    void theShopsOwnSettingsAreValid() {
        for (DeliveryMethod method : List.of(home(), DeliveryFixtures.relay(), DeliveryFixtures.collect(),
                DeliveryFixtures.express())) {
            assertThat(DeliveryMethodRules.check(method, method.settings())).as(method.code()).isEmpty();
        }
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                arguments("no French label", change(e -> e.label = LocalizedText.of(" ", "Home")), "label.fr", "required"),
                arguments("long English label", change(e -> e.label = LocalizedText.of("Domicile", "x".repeat(81))), "label.en", "tooLong"),
                arguments("no carrier", change(e -> e.carrier = ""), "carrier", "required"),
                arguments("no country", change(e -> e.countries = List.of()), "countries", "required"),
                arguments("a country twice", change(e -> e.countries = List.of(FR, BE, FR)), "countries[2]", "countries.duplicate"),
                arguments("no band", change(e -> e.priceBands = List.of()), "priceBands", "required"),
                arguments("a band for a country not served", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(FR, 1000, eur("5")), PriceBand.upTo(ES, 1000, eur("9")),
                        PriceBand.upTo(null, 1000, eur("9")))), "priceBands[1].country", "bands.country"),
                arguments("a served country without bands", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(FR, 1000, eur("5")), PriceBand.upTo(BE, 1000, eur("9")))), "priceBands", "bands.coverage"),
                arguments("a negative price", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("-1")))), "priceBands[0].price", "negative"),
                arguments("a price with fractions of a cent", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("4.999")))), "priceBands[0].price", "cents"),
                arguments("a price in dollars", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, Money.of("5", "USD")))), "priceBands[0].price", "currency"),
                arguments("a huge price", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("1000000.01")))), "priceBands[0].price", "tooLarge"),
                arguments("a weight of zero", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 0, eur("5")))), "priceBands[0].maxWeightGrams", "bands.weight"),
                arguments("bands out of order", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 2000, eur("7")), PriceBand.upTo(null, 1000, eur("5")))), "priceBands[1]", "bands.order"),
                arguments("goods amounts out of order", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("7")), new PriceBand(null, 1000, eur("50"), eur("3")),
                        new PriceBand(null, 1000, eur("30"), eur("5")))), "priceBands[2]", "bands.order"),
                arguments("two bands for the same weight and amount", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("5")), PriceBand.upTo(null, 1000, eur("6")))), "priceBands[1]", "bands.overlap"),
                arguments("a weight tier not starting from 0 €", change(e -> e.priceBands = List.of(
                        PriceBand.upTo(null, 1000, eur("5")), new PriceBand(null, 2000, eur("20"), eur("6")))),
                        "priceBands[1].minGoodsTotal", "bands.tierStart"),
                arguments("a negative free-above amount", change(e -> e.freeAbove = Optional.of(eur("-5"))), "freeAbove", "negative"),
                arguments("no cut-off", change(e -> e.cutOff = null), "cutOff", "required"),
                arguments("negative preparation", change(e -> e.preparationDays = -1), "preparationDays", "days.range"),
                arguments("too long a transit", change(e -> e.transitDaysMax = 31), "transitDaysMax", "days.range"),
                arguments("slowest before fastest", change(e -> {
                    e.transitDaysMin = 3;
                    e.transitDaysMax = 2;
                }), "transitDaysMax", "days.order"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void refusesSettingsThatBreakARule(String name, Consumer<Edit> change, String field, String code) {
        Edit edit = new Edit(home().settings());
        change.accept(edit);

        List<Problem> problems = DeliveryMethodRules.check(home(), edit.settings());

        assertThat(problems).extracting(Problem::field, Problem::code).contains(org.assertj.core.groups.Tuple.tuple(field, code));
        assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
    }

    @Test
    void bandsOfDifferentCountriesMayInterleaveAndUseTheSameWeights() {
        Edit edit = new Edit(home().settings());
        edit.countries = List.of(FR, BE, DE);
        edit.priceBands = List.of(PriceBand.upTo(FR, 1000, eur("5")), PriceBand.upTo(BE, 1000, eur("8")),
                PriceBand.upTo(FR, 2000, eur("7")), new PriceBand(FR, 2000, eur("40"), eur("4")),
                PriceBand.upTo(null, 1000, eur("12")));

        assertThat(DeliveryMethodRules.check(home(), edit.settings())).isEmpty();
    }

    private static Consumer<Edit> change(Consumer<Edit> change) {
        return change;
    }
}
