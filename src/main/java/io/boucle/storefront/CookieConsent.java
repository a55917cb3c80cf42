package io.boucle.storefront;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The visitor's choice about cookies that are not strictly necessary, kept in the first-party
 * cookie {@value #COOKIE} for {@link #VALIDITY} (after which the shop asks again, as the CNIL
 * recommends). Anything that would set or read such a cookie, or measure the visit, must first
 * check {@link #of(HttpServletRequest)}{@code .allows(purpose)}: an undecided visitor allows
 * nothing.
 *
 * <p>The cookie value is {@code v<version>.<date decided>.<purposes>}, for instance
 * {@code v1.2026-11-22.none} (everything refused) or {@code v1.2026-11-22.analytics}.
 *
 * @param version the version of the list of purposes the visitor answered; a new purpose means a
 *        new version, and the question is asked again
 * @param decidedOn the day the visitor chose, or {@code null} when they have not
 * @param granted the purposes the visitor accepted
 */
public record CookieConsent(int version, LocalDate decidedOn, Set<Purpose> granted) {

    /** What a non-essential cookie may be used for; the visitor accepts or refuses each. */
    public enum Purpose {
        /** First-party audience measurement: visits, pages, conversion. */
        ANALYTICS;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String COOKIE = "boucle_consent";

    /** The request attribute holding the visitor's {@code CookieConsent}, set for every request. */
    public static final String ATTRIBUTE = "cookieConsent";

    /** The version of {@link Purpose}'s list that visitors are asked about today. */
    public static final int CURRENT_VERSION = 1;

    /** How long a choice holds before the visitor is asked again. */
    public static final Period VALIDITY = Period.ofMonths(6);

    public static final CookieConsent UNDECIDED = new CookieConsent(CURRENT_VERSION, null, Set.of());

    private static final java.util.regex.Pattern VALUE = java.util.regex.Pattern.compile("v(\\d{1,3})\\.(\\d{4}-\\d{2}-\\d{2})\\.([a-z+]{1,100})");

    public CookieConsent {
        granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
    }

    public static CookieConsent decided(LocalDate on, Set<Purpose> granted) {
        return new CookieConsent(CURRENT_VERSION, on, granted);
    }

    /** The choice of the visitor making this request; {@link #UNDECIDED} if there is none. */
    public static CookieConsent of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof CookieConsent consent ? consent : UNDECIDED;
    }

    /** Whether the visitor has answered the current question. */
    public boolean decided() {
        return decidedOn != null;
    }

    public boolean allows(Purpose purpose) {
        return decided() && granted.contains(purpose);
    }

    /** Whether the visitor accepted something, for the page that shows their choice. */
    public boolean acceptedAny() {
        return decided() && !granted.isEmpty();
    }

    /** The day the choice lapses and the visitor is asked again. */
    public LocalDate expiresOn() {
        return decidedOn == null ? null : decidedOn.plus(VALIDITY);
    }

    String cookieValue() {
        String purposes = granted.isEmpty() ? "none"
                : granted.stream().sorted().map(Purpose::code).collect(Collectors.joining("+"));
        return "v" + version + "." + decidedOn + "." + purposes;
    }

    /**
     * The choice stored in a cookie value, if it is well-formed, answers the current version and
     * was made less than {@link #VALIDITY} before {@code today} (and not later than tomorrow, for
     * a clock that moved back a little).
     */
    static Optional<CookieConsent> parse(String value, LocalDate today) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = VALUE.matcher(value);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) != CURRENT_VERSION) {
            return Optional.empty();
        }
        LocalDate on;
        try {
            on = LocalDate.parse(matcher.group(2));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (on.isAfter(today.plusDays(1)) || !on.plus(VALIDITY).isAfter(today)) {
            return Optional.empty();
        }
        Set<Purpose> granted = EnumSet.noneOf(Purpose.class);
        if (!"none".equals(matcher.group(3))) {
            for (String code : matcher.group(3).split("\\+", -1)) {
                Optional<Purpose> purpose = Arrays.stream(Purpose.values()).filter(p -> p.code().equals(code)).findFirst();
                if (purpose.isEmpty()) {
                    return Optional.empty();
                }
                granted.add(purpose.get());
            }
        }
        return Optional.of(new CookieConsent(CURRENT_VERSION, on, granted));
    }
}
