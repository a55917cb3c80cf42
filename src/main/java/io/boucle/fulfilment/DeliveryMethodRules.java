package io.boucle.fulfilment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.boucle.fulfilment.InvalidDeliveryMethod.Problem;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;

/**
 * What makes settings valid: texts present and short, at least one country and no country twice,
 * a price grid that covers every served country, whose bands are listed per country by weight and
 * then goods amount with no two for the same weight and amount, each weight tier starting from a
 * goods amount of zero, with prices and amounts in the method's currency and never negative, and
 * plausible numbers of days.
 */
final class DeliveryMethodRules {

    static final int MAX_TEXT = 80;
    static final int MAX_WEIGHT_GRAMS = 1_000_000;
    static final int MAX_DAYS = 30;
    static final int MAX_BANDS = 300;
    static final int MAX_COUNTRIES = 60;
    static final java.math.BigDecimal MAX_AMOUNT = java.math.BigDecimal.valueOf(1_000_000);

    private DeliveryMethodRules() {
    }

    static List<Problem> check(DeliveryMethod method, DeliveryMethodSettings settings) {
        List<Problem> problems = new ArrayList<>();
        if (settings.label() == null || settings.label().fr().isBlank()) {
            problems.add(new Problem("label.fr", "required", "a French label is required"));
        } else {
            if (settings.label().fr().length() > MAX_TEXT) {
                problems.add(new Problem("label.fr", "tooLong", "at most " + MAX_TEXT + " characters"));
            }
            if (settings.label().en().length() > MAX_TEXT) {
                problems.add(new Problem("label.en", "tooLong", "at most " + MAX_TEXT + " characters"));
            }
        }
        if (settings.carrier() == null || settings.carrier().isBlank()) {
            problems.add(new Problem("carrier", "required", "the carrier's name is required"));
        } else if (settings.carrier().length() > MAX_TEXT) {
            problems.add(new Problem("carrier", "tooLong", "at most " + MAX_TEXT + " characters"));
        }
        checkCountries(settings.countries(), problems);
        checkBands(method, settings, problems);
        settings.freeAbove().ifPresent(amount -> checkAmount(method, amount, "freeAbove", problems));
        if (settings.cutOff() == null) {
            problems.add(new Problem("cutOff", "required", "a cut-off time such as 14:00 is required"));
        }
        checkDays(settings.preparationDays(), "preparationDays", problems);
        checkDays(settings.transitDaysMin(), "transitDaysMin", problems);
        checkDays(settings.transitDaysMax(), "transitDaysMax", problems);
        if (settings.transitDaysMax() < settings.transitDaysMin()) {
            problems.add(new Problem("transitDaysMax", "days.order", "cannot be less than transitDaysMin"));
        }
        return problems;
    }

    private static void checkCountries(List<CountryCode> countries, List<Problem> problems) {
        if (countries.isEmpty()) {
            problems.add(new Problem("countries", "required", "at least one country is required"));
            return;
        }
        if (countries.size() > MAX_COUNTRIES) {
            problems.add(new Problem("countries", "tooMany", "at most " + MAX_COUNTRIES + " countries"));
        }
        Set<CountryCode> seen = new HashSet<>();
        for (int i = 0; i < countries.size(); i++) {
            if (!seen.add(countries.get(i))) {
                problems.add(new Problem("countries[" + i + "]", "countries.duplicate",
                        countries.get(i) + " is listed twice"));
            }
        }
    }

    private static void checkBands(DeliveryMethod method, DeliveryMethodSettings settings, List<Problem> problems) {
        List<PriceBand> bands = settings.priceBands();
        if (bands.isEmpty()) {
            problems.add(new Problem("priceBands", "required", "at least one price band is required"));
            return;
        }
        if (bands.size() > MAX_BANDS) {
            problems.add(new Problem("priceBands", "tooMany", "at most " + MAX_BANDS + " price bands"));
            return;
        }
        Map<Optional<CountryCode>, PriceBand> previous = new HashMap<>();
        for (int i = 0; i < bands.size(); i++) {
            PriceBand band = bands.get(i);
            String field = "priceBands[" + i + "]";
            if (band.country() != null && !settings.countries().contains(band.country())) {
                problems.add(new Problem(field + ".country", "bands.country",
                        band.country() + " is not among the countries served"));
            }
            if (band.maxWeightGrams() < 1 || band.maxWeightGrams() > MAX_WEIGHT_GRAMS) {
                problems.add(new Problem(field + ".maxWeightGrams", "bands.weight",
                        "a weight in grams between 1 and " + MAX_WEIGHT_GRAMS));
            }
            boolean amounts = checkAmount(method, band.price(), field + ".price", problems)
                    & checkAmount(method, band.minGoodsTotal(), field + ".minGoodsTotal", problems);
            PriceBand before = previous.put(Optional.ofNullable(band.country()), band);
            if (!amounts) {
                continue;
            }
            if (before != null) {
                int order = before.maxWeightGrams() != band.maxWeightGrams()
                        ? Integer.compare(before.maxWeightGrams(), band.maxWeightGrams())
                        : before.minGoodsTotal().compareTo(band.minGoodsTotal());
                if (order == 0) {
                    problems.add(new Problem(field, "bands.overlap",
                            "another band of the same country has the same weight and goods amount"));
                } else if (order > 0) {
                    problems.add(new Problem(field, "bands.order",
                            "the bands of a country must be sorted by weight, then by goods amount"));
                }
            }
            boolean startsTier = before == null || before.maxWeightGrams() != band.maxWeightGrams();
            if (startsTier && !band.minGoodsTotal().isZero()) {
                problems.add(new Problem(field + ".minGoodsTotal", "bands.tierStart",
                        "the first band of a weight must start from a goods amount of 0"));
            }
        }
        boolean hasDefault = bands.stream().anyMatch(PriceBand::isDefault);
        for (CountryCode country : settings.countries()) {
            if (!hasDefault && bands.stream().noneMatch(band -> country.equals(band.country()))) {
                problems.add(new Problem("priceBands", "bands.coverage",
                        "no band for " + country + " and no default band for all countries"));
            }
        }
    }

    private static boolean checkAmount(DeliveryMethod method, Money amount, String field, List<Problem> problems) {
        if (!amount.currency().equals(method.currency())) {
            problems.add(new Problem(field, "currency", "must be in " + method.currency().getCurrencyCode()));
            return false;
        }
        if (amount.isNegative()) {
            problems.add(new Problem(field, "negative", "cannot be negative"));
            return false;
        }
        if (amount.amount().compareTo(MAX_AMOUNT) > 0) {
            problems.add(new Problem(field, "tooLarge", "at most " + MAX_AMOUNT.toPlainString()));
            return false;
        }
        if (!amount.isRoundedToMinorUnit()) {
            problems.add(new Problem(field, "cents", "at most two decimals"));
            return false;
        }
        return true;
    }

    private static void checkDays(int days, String field, List<Problem> problems) {
        if (days < 0 || days > MAX_DAYS) {
            problems.add(new Problem(field, "days.range", "between 0 and " + MAX_DAYS));
        }
    }
}
