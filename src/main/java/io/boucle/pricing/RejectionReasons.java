package io.boucle.pricing;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** Why an entered code does not apply, in French and English, in the shopper's words. */
final class RejectionReasons {

    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private RejectionReasons() {
    }

    static LocalizedText unknown() {
        return LocalizedText.of("Ce code n’existe pas. Vérifiez qu’il est bien écrit.",
                "This code does not exist. Check its spelling.");
    }

    static LocalizedText noLongerAvailable() {
        return LocalizedText.of("Ce code n’est plus valable.", "This code is no longer valid.");
    }

    static LocalizedText expired(Instant until) {
        return LocalizedText.of("Ce code a expiré le " + FR_DATE.format(until.atZone(SHOP_ZONE)) + ".",
                "This code expired on " + EN_DATE.format(until.atZone(SHOP_ZONE)) + ".");
    }

    static LocalizedText notYetValid(Instant from) {
        return LocalizedText.of("Ce code sera valable à partir du " + FR_DATE.format(from.atZone(SHOP_ZONE)) + ".",
                "This code is valid from " + EN_DATE.format(from.atZone(SHOP_ZONE)) + ".");
    }

    static LocalizedText minimumNotReached(Money minimum) {
        return LocalizedText.of("Ce code s’applique à partir de " + fr(minimum) + " d’achats.",
                "This code applies from " + en(minimum) + " spent.");
    }

    static LocalizedText usageLimitReached() {
        return LocalizedText.of("Ce code a atteint son nombre maximal d’utilisations.",
                "This code has reached its maximum number of uses.");
    }

    static LocalizedText customerLimitReached(int limit) {
        return limit == 1
                ? LocalizedText.of("Vous avez déjà utilisé ce code.", "You have already used this code.")
                : LocalizedText.of("Vous avez déjà utilisé ce code " + limit + " fois, le maximum permis.",
                        "You have already used this code " + limit + " times, the most allowed.");
    }

    static LocalizedText notCombinableWith(LocalizedText other) {
        return LocalizedText.of("Ce code ne se cumule pas avec « " + other.fr() + " », plus avantageux pour ce panier.",
                "This code cannot be combined with “" + other.en() + "”, which saves you more on this cart.");
    }

    static LocalizedText nothingEligible() {
        return LocalizedText.of("Aucun article de votre panier ne bénéficie de ce code.",
                "No item in your cart qualifies for this code.");
    }

    static String fr(Money money) {
        return format(money, Locale.FRANCE);
    }

    static String en(Money money) {
        return format(money, Locale.UK);
    }

    private static String format(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        return format.format(money.amount());
    }
}
