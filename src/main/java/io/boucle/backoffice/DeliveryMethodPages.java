package io.boucle.backoffice;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryMethod;
import io.boucle.fulfilment.DeliveryMethodSettings;
import io.boucle.fulfilment.InvalidDeliveryMethod;
import io.boucle.fulfilment.PriceBand;
import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery methods in the back office: the list, and a form per method to change its labels,
 * price grid, free-delivery threshold, cut-off and days. A form with a mistake comes back with
 * what was typed and a message per mistake; nothing is saved until all is right.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class DeliveryMethodPages {

    /** Empty rows offered under the grid to add bands. */
    static final int SPARE_ROWS = 3;

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,9}(?:[.,]\\d{1,4})?");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");
    private static final Pattern INDEXED = Pattern.compile("priceBands\\[(\\d+)]\\.?(.*)");

    /** A row of the price grid as typed. */
    public record BandRow(String country, String maxWeightGrams, String minGoodsTotal, String price) {

        boolean blank() {
            return country.isBlank() && maxWeightGrams.isBlank() && minGoodsTotal.isBlank() && price.isBlank();
        }
    }

    /** The form as typed, to show it again. */
    public record MethodForm(String labelFr, String labelEn, boolean active, String carrier, String countries,
                             String freeAbove, String cutOff, String preparationDays, String transitDaysMin,
                             String transitDaysMax, boolean saturdayDelivery, List<BandRow> bands) {

        static MethodForm of(DeliveryMethod method) {
            List<BandRow> rows = new ArrayList<>(method.priceBands().stream().map(band -> new BandRow(
                    band.country() == null ? "" : band.country().value(), Integer.toString(band.maxWeightGrams()),
                    band.minGoodsTotal().isZero() ? "" : amount(band.minGoodsTotal()), amount(band.price()))).toList());
            return new MethodForm(method.label().fr(), method.label().en(), method.active(), method.carrier(),
                    String.join(" ", method.countries().stream().map(CountryCode::value).toList()),
                    method.freeAbove().map(DeliveryMethodPages::amount).orElse(""), method.cutOff().toString(),
                    Integer.toString(method.preparationDays()), Integer.toString(method.transitDaysMin()),
                    Integer.toString(method.transitDaysMax()), method.saturdayDelivery(), withSpareRows(rows));
        }
    }

    private final Delivery delivery;
    private final MessageSource messages;

    DeliveryMethodPages(Delivery delivery, MessageSource messages) {
        this.delivery = delivery;
        this.messages = messages;
    }

    @GetMapping("/admin/delivery-methods")
    String list(Model model) {
        List<DeliveryMethod> methods = delivery.methods();
        model.addAttribute("methods", methods);
        model.addAttribute("lowest", methods.stream().collect(java.util.stream.Collectors.toMap(DeliveryMethod::code,
                method -> method.priceBands().stream().map(PriceBand::price).min(Money::compareTo)
                        .orElse(Money.zero(method.currency())))));
        return "backoffice/delivery-methods";
    }

    @GetMapping("/admin/delivery-methods/{code}")
    String edit(@PathVariable String code, Model model) {
        DeliveryMethod method = find(code);
        model.addAttribute("method", method);
        model.addAttribute("form", MethodForm.of(method));
        model.addAttribute("errors", List.of());
        return "backoffice/delivery-method";
    }

    @PostMapping("/admin/delivery-methods/{code}")
    String save(@PathVariable String code, @RequestParam MultiValueMap<String, String> params, Locale locale, Model model,
            RedirectAttributes redirect) {
        DeliveryMethod method = find(code);
        MethodForm form = form(params);
        List<InvalidDeliveryMethod.Problem> problems = new ArrayList<>();
        DeliveryMethodSettings settings = settings(method, form, problems);
        if (problems.isEmpty()) {
            try {
                delivery.updateMethod(code, settings);
                redirect.addFlashAttribute("changed", code);
                return "redirect:/admin/delivery-methods";
            } catch (InvalidDeliveryMethod e) {
                problems.addAll(e.problems());
            }
        } else {
            problems.addAll(otherProblems(code, settings, problems));
        }
        model.addAttribute("method", method);
        model.addAttribute("form", new MethodForm(form.labelFr(), form.labelEn(), form.active(), form.carrier(),
                form.countries(), form.freeAbove(), form.cutOff(), form.preparationDays(), form.transitDaysMin(),
                form.transitDaysMax(), form.saturdayDelivery(), withSpareRows(new ArrayList<>(nonBlank(form.bands())))));
        model.addAttribute("errors", problems.stream().map(problem -> message(problem, locale)).toList());
        return "backoffice/delivery-method";
    }

    /**
     * The module's rules on what could be read, so every mistake shows at once; leaving out fields
     * that could not be read, and the grid's rules when a row could not (its rows are then numbered
     * differently).
     */
    private List<InvalidDeliveryMethod.Problem> otherProblems(String code, DeliveryMethodSettings settings,
            List<InvalidDeliveryMethod.Problem> unreadable) {
        java.util.Set<String> fields = unreadable.stream().map(problem -> problem.field().replaceAll("\\[\\d+]$", ""))
                .collect(java.util.stream.Collectors.toSet());
        boolean gridUnreadable = fields.stream().anyMatch(field -> field.startsWith("priceBands"));
        return delivery.check(code, settings).stream()
                .filter(problem -> !fields.contains(problem.field().replaceAll("\\[\\d+]$", "")))
                .filter(problem -> !(gridUnreadable && problem.field().startsWith("priceBands")))
                .filter(problem -> !(fields.contains("countries")
                        && (problem.code().equals("bands.country") || problem.code().equals("bands.coverage"))))
                .toList();
    }

    private DeliveryMethod find(String code) {
        return delivery.method(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static MethodForm form(MultiValueMap<String, String> params) {
        List<String> countries = params.getOrDefault("bandCountry", List.of());
        List<String> weights = params.getOrDefault("bandMaxWeight", List.of());
        List<String> minimums = params.getOrDefault("bandMinGoods", List.of());
        List<String> prices = params.getOrDefault("bandPrice", List.of());
        int rows = Math.min(Math.max(Math.max(countries.size(), weights.size()), Math.max(minimums.size(), prices.size())), 400);
        List<BandRow> bands = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            bands.add(new BandRow(at(countries, i), at(weights, i), at(minimums, i), at(prices, i)));
        }
        return new MethodForm(text(params, "labelFr"), text(params, "labelEn"), params.containsKey("active"),
                text(params, "carrier"), text(params, "countries"), text(params, "freeAbove"), text(params, "cutOff"),
                text(params, "preparationDays"), text(params, "transitDaysMin"), text(params, "transitDaysMax"),
                params.containsKey("saturdayDelivery"), bands);
    }

    /** The settings typed, or the problems of what cannot even be read (a price that is not a number). */
    private static DeliveryMethodSettings settings(DeliveryMethod method, MethodForm form,
            List<InvalidDeliveryMethod.Problem> problems) {
        List<CountryCode> countries = new ArrayList<>();
        String[] typed = form.countries().toUpperCase(Locale.ROOT).split("[\\s,;]+");
        for (int i = 0; i < typed.length; i++) {
            if (typed[i].isEmpty()) {
                continue;
            }
            if (CountryCode.isValid(typed[i]) && typed[i].length() == 2) {
                countries.add(CountryCode.of(typed[i]));
            } else {
                problems.add(new InvalidDeliveryMethod.Problem("countries", "countries.unknown",
                        "'" + typed[i] + "' is not an ISO 3166-1 alpha-2 country code"));
            }
        }
        List<PriceBand> bands = new ArrayList<>();
        List<BandRow> rows = nonBlank(form.bands());
        for (int i = 0; i < rows.size(); i++) {
            BandRow row = rows.get(i);
            String field = "priceBands[" + i + "]";
            CountryCode country = null;
            String code = row.country().strip().toUpperCase(Locale.ROOT);
            if (!code.isEmpty()) {
                if (CountryCode.isValid(code) && code.length() == 2) {
                    country = CountryCode.of(code);
                } else {
                    problems.add(new InvalidDeliveryMethod.Problem(field + ".country", "countries.unknown",
                            "'" + code + "' is not an ISO 3166-1 alpha-2 country code"));
                }
            }
            Optional<Integer> weight = whole(row.maxWeightGrams(), field + ".maxWeightGrams", problems);
            Optional<Money> minimum = row.minGoodsTotal().isBlank() ? Optional.of(Money.zero(method.currency()))
                    : money(row.minGoodsTotal(), method, field + ".minGoodsTotal", problems);
            Optional<Money> price = money(row.price(), method, field + ".price", problems);
            if (weight.isPresent() && minimum.isPresent() && price.isPresent()) {
                bands.add(new PriceBand(country, weight.get(), minimum.get(), price.get()));
            }
        }
        Optional<Money> freeAbove = form.freeAbove().isBlank() ? Optional.empty()
                : money(form.freeAbove(), method, "freeAbove", problems);
        LocalTime cutOff = null;
        try {
            cutOff = LocalTime.parse(form.cutOff().strip());
        } catch (DateTimeParseException e) {
            problems.add(new InvalidDeliveryMethod.Problem("cutOff", "time", "a time such as 14:00"));
        }
        int preparation = whole(form.preparationDays(), "preparationDays", problems).orElse(0);
        int transitMin = whole(form.transitDaysMin(), "transitDaysMin", problems).orElse(0);
        int transitMax = whole(form.transitDaysMax(), "transitDaysMax", problems).orElse(0);
        return new DeliveryMethodSettings(LocalizedText.of(form.labelFr().strip(), form.labelEn().strip()), form.active(),
                form.carrier().strip(), countries, bands, freeAbove, cutOff, preparation, transitMin, transitMax,
                form.saturdayDelivery());
    }

    private static Optional<Money> money(String typed, DeliveryMethod method, String field,
            List<InvalidDeliveryMethod.Problem> problems) {
        String cleaned = typed.replace("€", "").replace(" ", "").replace("\u00a0", "").strip();
        if (!AMOUNT.matcher(cleaned).matches()) {
            problems.add(new InvalidDeliveryMethod.Problem(field, "number", "an amount such as 4.90"));
            return Optional.empty();
        }
        return Optional.of(Money.of(new BigDecimal(cleaned.replace(',', '.')), method.currency()));
    }

    private static Optional<Integer> whole(String typed, String field, List<InvalidDeliveryMethod.Problem> problems) {
        String cleaned = typed.replace(" ", "").strip();
        if (!WHOLE.matcher(cleaned).matches()) {
            problems.add(new InvalidDeliveryMethod.Problem(field, "whole", "a whole number"));
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(cleaned));
    }

    /** "Tranche 2 — Prix : ne peut pas être négatif", in the page's language; the rule in English when not translated. */
    private String message(InvalidDeliveryMethod.Problem problem, Locale locale) {
        Matcher indexed = INDEXED.matcher(problem.field());
        String where;
        if (indexed.matches()) {
            String row = messages.getMessage("admin.delivery.row", new Object[] { Integer.parseInt(indexed.group(1)) + 1 },
                    locale);
            where = indexed.group(2).isEmpty() ? row
                    : row + " — " + messages.getMessage("admin.delivery.field." + indexed.group(2), null, indexed.group(2), locale);
        } else {
            String field = problem.field().replaceAll("\\[\\d+]$", "");
            where = messages.getMessage("admin.delivery.field." + field, null, field, locale);
        }
        String what = messages.getMessage("admin.delivery.problem." + problem.code(), null, problem.message(), locale);
        return messages.getMessage("admin.delivery.error", new Object[] { where, what }, locale);
    }

    private static List<BandRow> nonBlank(List<BandRow> rows) {
        return rows.stream().filter(row -> !row.blank()).toList();
    }

    private static List<BandRow> withSpareRows(List<BandRow> rows) {
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add(new BandRow("", "", "", ""));
        }
        return rows;
    }

    private static String text(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? "" : value.length() > 200 ? value.substring(0, 200) : value;
    }

    private static String at(List<String> values, int index) {
        String value = index < values.size() ? values.get(index) : null;
        return value == null ? "" : value.length() > 40 ? value.substring(0, 40) : value;
    }

    static String amount(Money money) {
        return money.amount().toPlainString();
    }
}
