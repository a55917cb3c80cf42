package io.boucle.catalog;

import io.boucle.shared.LocalizedText;

/** The grade of a second-hand item, as the shop states it to buyers. */
public enum Condition {
    NEW_WITH_TAGS(LocalizedText.of("Neuf avec étiquette", "New with tags"), "https://schema.org/NewCondition"),
    VERY_GOOD(LocalizedText.of("Très bon état", "Very good condition"), "https://schema.org/UsedCondition"),
    GOOD(LocalizedText.of("Bon état", "Good condition"), "https://schema.org/UsedCondition"),
    FAIR(LocalizedText.of("État correct", "Fair condition"), "https://schema.org/UsedCondition");

    private final LocalizedText label;
    private final String schemaOrg;

    Condition(LocalizedText label, String schemaOrg) {
        this.label = label;
        this.schemaOrg = schemaOrg;
    }

    public LocalizedText label() {
        return label;
    }

    /** The schema.org item condition: unused items with tags are still sold under the margin scheme. */
    public String schemaOrg() {
        return schemaOrg;
    }
}
