package io.boucle.api;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryMethod;
import io.boucle.fulfilment.DeliveryMethodSettings;
import io.boucle.fulfilment.InvalidDeliveryMethod;
import io.boucle.fulfilment.PriceBand;
import io.boucle.platform.web.ProblemResponses;
import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery methods' settings for the merchant: labels, price grids, free-delivery threshold,
 * cut-off and days. What GET returns can be changed and sent back with PUT, which replaces the
 * settings as a whole (code, kind and currency stay). Amounts are VAT included.
 */
@RestController
@RequestMapping("/api/v1/admin/delivery-methods")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class AdminDeliveryApi {

    static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";

    record Label(@NotBlank @Size(max = 80) String fr, @Size(max = 80) String en) {
    }

    /**
     * @param country        ISO 3166-1 alpha-2, or null for every served country without bands of its own
     * @param minGoodsTotal  null or 0 for a band that applies whatever the goods cost
     */
    record Band(@Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166-1 alpha-2 code such as FR") String country,
            @NotNull @Min(1) @Max(1_000_000) Integer maxWeightGrams, @Valid ApiMoney minGoodsTotal,
            @NotNull @Valid ApiMoney price) {
    }

    /** @param freeAbove null when delivery is never free */
    record MethodUpdate(@NotNull @Valid Label label, @NotNull Boolean active, @NotBlank @Size(max = 80) String carrier,
            @NotNull @Size(min = 1, max = 60) List<@NotBlank String> countries, @NotNull @Size(min = 1, max = 300) List<@NotNull @Valid Band> priceBands,
            @Valid ApiMoney freeAbove,
            @NotBlank @Pattern(regexp = TIME, message = "a time such as 14:00 (Europe/Paris)") String cutOff,
            @NotNull @Min(0) @Max(30) Integer preparationDays, @NotNull @Min(0) @Max(30) Integer transitDaysMin,
            @NotNull @Min(0) @Max(30) Integer transitDaysMax, @NotNull Boolean saturdayDelivery) {
    }

    record MethodView(String code, String kind, Label label, boolean active, String carrier, List<String> countries,
            String currency, List<Band> priceBands, ApiMoney freeAbove, String cutOff, int preparationDays,
            int transitDaysMin, int transitDaysMax, boolean saturdayDelivery, boolean pickupPointRequired) {

        static MethodView of(DeliveryMethod method) {
            return new MethodView(method.code(), method.kind().name(), new Label(method.label().fr(), method.label().en()),
                    method.active(), method.carrier(), method.countries().stream().map(CountryCode::value).toList(),
                    method.currency().getCurrencyCode(),
                    method.priceBands().stream().map(band -> new Band(band.country() == null ? null : band.country().value(),
                            band.maxWeightGrams(), ApiMoney.of(band.minGoodsTotal()), ApiMoney.of(band.price()))).toList(),
                    method.freeAbove().map(ApiMoney::of).orElse(null), method.cutOff().toString(),
                    method.preparationDays(), method.transitDaysMin(), method.transitDaysMax(), method.saturdayDelivery(),
                    method.pickupPointRequired());
        }
    }

    private final Delivery delivery;

    AdminDeliveryApi(Delivery delivery) {
        this.delivery = delivery;
    }

    @GetMapping
    @Operation(summary = "Every delivery method, active or not, in the order the shop lists them")
    List<MethodView> methods() {
        return delivery.methods().stream().map(MethodView::of).toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One delivery method")
    MethodView method(@PathVariable String code) {
        return delivery.method(code).map(MethodView::of).orElseThrow(() -> unknown(code));
    }

    @PutMapping("/{code}")
    @Operation(summary = "Replace a delivery method's settings; quotes follow at once. Bands of a country sorted by "
            + "weight then goods amount, each weight starting from a goods amount of 0")
    MethodView update(@PathVariable String code, @Valid @RequestBody MethodUpdate update) {
        if (delivery.method(code).isEmpty()) {
            throw unknown(code);
        }
        return MethodView.of(delivery.updateMethod(code, settings(update)));
    }

    /** The module's own check of the settings, as a validation problem listing each field. */
    @ExceptionHandler(InvalidDeliveryMethod.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDeliveryMethod e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.",
                request.getRequestURI());
        problem.setProperty("errors", e.problems().stream()
                .map(field -> new ApiProblems.FieldError(field.field(), field.message())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchElementException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.NOT_FOUND, e.getMessage(), request.getRequestURI()));
    }

    private static NoSuchElementException unknown(String code) {
        return new NoSuchElementException("No delivery method has the code '" + code + "'.");
    }

    /** Turns the request into settings; country codes and currencies that do not exist are field errors. */
    private static DeliveryMethodSettings settings(MethodUpdate update) {
        List<InvalidDeliveryMethod.Problem> problems = new ArrayList<>();
        List<CountryCode> countries = new ArrayList<>();
        for (int i = 0; i < update.countries().size(); i++) {
            String country = update.countries().get(i);
            if (CountryCode.isValid(country)) {
                countries.add(CountryCode.of(country));
            } else {
                problems.add(new InvalidDeliveryMethod.Problem("countries[" + i + "]", "countries.unknown",
                        "'" + country + "' is not an ISO 3166-1 alpha-2 country code"));
            }
        }
        List<PriceBand> bands = new ArrayList<>();
        for (int i = 0; i < update.priceBands().size(); i++) {
            Band band = update.priceBands().get(i);
            String field = "priceBands[" + i + "]";
            Optional<Money> price = money(band.price(), field + ".price", problems);
            Optional<Money> minGoods = band.minGoodsTotal() == null ? price.map(p -> Money.zero(p.currency()))
                    : money(band.minGoodsTotal(), field + ".minGoodsTotal", problems);
            if (band.country() != null && !CountryCode.isValid(band.country())) {
                problems.add(new InvalidDeliveryMethod.Problem(field + ".country", "countries.unknown",
                        "'" + band.country() + "' is not an ISO 3166-1 alpha-2 country code"));
            } else if (price.isPresent() && minGoods.isPresent()) {
                bands.add(new PriceBand(band.country() == null ? null : CountryCode.of(band.country()),
                        band.maxWeightGrams(), minGoods.get(), price.get()));
            }
        }
        Optional<Money> freeAbove = update.freeAbove() == null ? Optional.empty()
                : money(update.freeAbove(), "freeAbove", problems);
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryMethod(problems);
        }
        return new DeliveryMethodSettings(LocalizedText.of(update.label().fr().strip(),
                update.label().en() == null ? null : update.label().en().strip()), update.active(), update.carrier().strip(),
                countries, bands, freeAbove, LocalTime.parse(update.cutOff()), update.preparationDays(),
                update.transitDaysMin(), update.transitDaysMax(), update.saturdayDelivery());
    }

    private static Optional<Money> money(ApiMoney money, String field, List<InvalidDeliveryMethod.Problem> problems) {
        try {
            return Optional.of(money.toMoney());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidDeliveryMethod.Problem(field + ".currency", "currency", e.getMessage()));
            return Optional.empty();
        }
    }
}
