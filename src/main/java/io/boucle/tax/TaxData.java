package io.boucle.tax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data the VAT rules read, loaded once from the files of {@code src/main/resources/tax} (see its
 * README): rates per country over time with their corrections, the territories, the category mapping,
 * the mention texts and the OSS threshold. Immutable once loaded; shared by every assessment.
 */
final class TaxData {

    static final String RATES = "vat-rates.json";
    static final String CORRECTIONS = "vat-rate-corrections.json";
    static final String TERRITORIES = "territories.json";
    static final String CATEGORY_RATES = "category-rates.json";
    static final String LEGAL_TEXTS = "legal-texts.json";

    // Rates such as 5.5 are read as decimals, never through a double.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Map<VatCountry, RateTimeline> rates;
    private final Territories territories;
    private final CategoryRates categoryRates;
    private final LegalTexts legalTexts;

    private TaxData(Map<VatCountry, RateTimeline> rates, Territories territories, CategoryRates categoryRates,
            LegalTexts legalTexts) {
        this.rates = Map.copyOf(rates);
        this.territories = territories;
        this.categoryRates = categoryRates;
        this.legalTexts = legalTexts;
    }

    /** The files shipped in the application, under {@code tax/} on the class path. */
    static TaxData bundled() {
        ClassLoader loader = TaxData.class.getClassLoader();
        return load(name -> loader.getResourceAsStream("tax/" + name));
    }

    /** Loads from files given by name ({@link #RATES}, ...); a null stream means the file is missing. */
    static TaxData load(Function<String, InputStream> files) {
        JsonNode corrections = read(files, CORRECTIONS);
        return new TaxData(readRates(read(files, RATES), corrections), readTerritories(read(files, TERRITORIES)),
                readCategoryRates(read(files, CATEGORY_RATES)), readLegalTexts(read(files, LEGAL_TEXTS)));
    }

    Territories territories() {
        return territories;
    }

    LegalTexts legalTexts() {
        return legalTexts;
    }

    RateSet ratesAt(VatCountry country, LocalDate date) {
        RateTimeline timeline = rates.get(country);
        if (timeline == null) {
            throw new IllegalStateException("no VAT rates known for " + country);
        }
        return timeline.at(date);
    }

    /** The rate a category takes in a place on a date, regional rates included. */
    Percentage rate(Place place, TaxCategory category, LocalDate date) {
        RateSet national = ratesAt(place.ratesOf(), date);
        RateSet local = place.region().map(region -> region.applyTo(national, date)).orElse(national);
        return categoryRates.rate(place.country(), category, local);
    }

    Percentage frenchRate(TaxCategory category, LocalDate date) {
        return categoryRates.rate(VatCountry.FRANCE, category, ratesAt(VatCountry.FRANCE, date));
    }

    private static JsonNode read(Function<String, InputStream> files, String name) {
        try (InputStream in = files.apply(name)) {
            if (in == null) {
                throw new IllegalStateException("VAT data file missing: tax/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tax/" + name, e);
        }
    }

    private static Map<VatCountry, RateTimeline> readRates(JsonNode data, JsonNode correctionFile) {
        Map<VatCountry, List<RateTimeline.Correction>> corrections = new HashMap<>();
        for (JsonNode entry : correctionFile.path("corrections").values()) {
            VatCountry country = VatCountry.of(text(entry, "country"));
            corrections.computeIfAbsent(country, any -> new ArrayList<>()).add(new RateTimeline.Correction(
                    date(entry, "effective_from"), optionalDate(entry, "effective_to"), rateMap(entry.path("set")),
                    text(entry, "source")));
        }
        Map<VatCountry, RateTimeline> timelines = new HashMap<>();
        for (Map.Entry<String, JsonNode> item : data.path("items").properties()) {
            VatCountry country = VatCountry.of(item.getKey()); // the data file's GR becomes EL
            List<RateTimeline.Period> periods = new ArrayList<>();
            for (JsonNode period : item.getValue().values()) {
                periods.add(new RateTimeline.Period(date(period, "effective_from"), new RateSet(rateMap(period.path("rates")))));
            }
            timelines.put(country, RateTimeline.of(country.code(), periods, corrections.getOrDefault(country, List.of())));
        }
        for (VatCountry country : corrections.keySet()) {
            if (!timelines.containsKey(country)) {
                throw new IllegalStateException("a correction names " + country + ", which vat-rates.json does not have");
            }
        }
        return timelines;
    }

    private static Territories readTerritories(JsonNode file) {
        List<Territories.MemberState> members = new ArrayList<>();
        for (JsonNode member : file.path("member_states").values()) {
            members.add(new Territories.MemberState(VatCountry.of(text(member, "country")), date(member, "since"),
                    optionalDate(member, "until")));
        }
        Set<VatCountry> france = new HashSet<>();
        for (JsonNode place : file.path("treated_as_france").values()) {
            france.add(VatCountry.of(text(place, "country")));
        }
        List<Territories.Area> outside = new ArrayList<>();
        for (JsonNode area : file.path("outside_eu_vat_territory").values()) {
            outside.add(area(area));
        }
        List<Territories.GoodsArea> goods = new ArrayList<>();
        for (JsonNode area : file.path("eu_for_goods").values()) {
            goods.add(new Territories.GoodsArea(area(area), VatCountry.of(text(area, "vat_country")),
                    VatCountry.of(text(area, "rates_of")), date(area, "since")));
        }
        List<RegionalRates> regions = new ArrayList<>();
        for (JsonNode region : file.path("regional_rates").values()) {
            TreeMap<LocalDate, Map<String, Percentage>> periods = new TreeMap<>();
            for (JsonNode period : region.path("periods").values()) {
                periods.put(date(period, "effective_from"), rateMap(period.path("set")));
            }
            Territories.Area area = area(region);
            regions.add(new RegionalRates(area.name(), area.country(), area.postcode(), periods));
        }
        return new Territories(members, france, outside, goods, regions);
    }

    private static Territories.Area area(JsonNode area) {
        return new Territories.Area(text(area, "name"), VatCountry.of(text(area, "country")),
                Pattern.compile(text(area, "postcode")));
    }

    private static CategoryRates readCategoryRates(JsonNode file) {
        Map<VatCountry, Map<TaxCategory, List<String>>> byCountry = new HashMap<>();
        for (Map.Entry<String, JsonNode> country : file.path("countries").properties()) {
            byCountry.put(VatCountry.of(country.getKey()), categoryKeys(country.getValue()));
        }
        return new CategoryRates(categoryKeys(file.path("default")), byCountry);
    }

    private static Map<TaxCategory, List<String>> categoryKeys(JsonNode node) {
        Map<TaxCategory, List<String>> keys = new EnumMap<>(TaxCategory.class);
        for (TaxCategory category : TaxCategory.values()) {
            JsonNode list = node.path(category.name());
            if (!list.isMissingNode()) {
                keys.put(category, list.values().stream().map(JsonNode::asString).toList());
            }
        }
        return keys;
    }

    private static LegalTexts readLegalTexts(JsonNode file) {
        Map<LegalMention.Kind, List<LegalTexts.Valid<String>>> mentions = new EnumMap<>(LegalMention.Kind.class);
        for (Map.Entry<String, JsonNode> kind : file.path("mentions").properties()) {
            List<LegalTexts.Valid<String>> texts = new ArrayList<>();
            for (JsonNode text : kind.getValue().values()) {
                texts.add(valid(text, text(text, "text")));
            }
            mentions.put(LegalMention.Kind.valueOf(kind.getKey()), texts);
        }
        List<LegalTexts.Valid<Money>> thresholds = new ArrayList<>();
        for (JsonNode threshold : file.path("oss_threshold").values()) {
            thresholds.add(valid(threshold, Money.of(text(threshold, "amount"), text(threshold, "currency"))));
        }
        return new LegalTexts(mentions, thresholds);
    }

    private static <T> LegalTexts.Valid<T> valid(JsonNode node, T value) {
        return new LegalTexts.Valid<>(value, optionalDate(node, "valid_from").orElse(LocalDate.MIN),
                optionalDate(node, "valid_until").orElse(LocalDate.MAX), text(node, "source"));
    }

    private static Map<String, Percentage> rateMap(JsonNode rates) {
        Map<String, Percentage> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> rate : rates.properties()) {
            JsonNode value = rate.getValue();
            BigDecimal percent = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString());
            if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
                throw new IllegalStateException("not a VAT rate: " + rate.getKey() + " = " + percent);
            }
            map.put(rate.getKey(), new Percentage(percent));
        }
        return map;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalStateException("VAT data: '" + field + "' missing in " + node);
        }
        return value.asString();
    }

    private static LocalDate date(JsonNode node, String field) {
        return LocalDate.parse(text(node, field));
    }

    private static Optional<LocalDate> optionalDate(JsonNode node, String field) {
        return node.has(field) ? Optional.of(date(node, field)) : Optional.empty();
    }
}
