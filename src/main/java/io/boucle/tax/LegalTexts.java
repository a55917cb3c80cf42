package io.boucle.tax;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.boucle.shared.Money;

/**
 * Mention texts and the OSS threshold, each valid over a period, from {@code tax/legal-texts.json}.
 * A date with no text in force is an error, not a fallback: an invoice must not carry a reference
 * that is no longer valid (the CGI references end on 2027-12-31 with the CIBS renumbering).
 */
final class LegalTexts {

    record Valid<T>(T value, LocalDate from, LocalDate until, String source) {
        boolean on(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(until);
        }
    }

    private final Map<LegalMention.Kind, List<Valid<String>>> mentions;
    private final List<Valid<Money>> ossThresholds;

    LegalTexts(Map<LegalMention.Kind, List<Valid<String>>> mentions, List<Valid<Money>> ossThresholds) {
        this.mentions = Map.copyOf(mentions);
        this.ossThresholds = List.copyOf(ossThresholds);
    }

    String mention(LegalMention.Kind kind, LocalDate date) {
        return mentions.getOrDefault(kind, List.of()).stream().filter(text -> text.on(date)).findFirst()
                .map(Valid::value)
                .orElseThrow(() -> new IllegalStateException("no text for the mention " + kind + " on " + date
                        + ": add the wording in force to tax/legal-texts.json"));
    }

    /** The EU-wide distance-sales threshold (Directive 2006/112/EC art. 59c), excl. VAT, in EUR. */
    Money ossThreshold(LocalDate date) {
        return ossThresholds.stream().filter(threshold -> threshold.on(date)).findFirst().map(Valid::value)
                .orElseThrow(() -> new IllegalStateException("no OSS threshold known on " + date
                        + " (the EU-wide threshold exists since 2021-07-01)"));
    }
}
