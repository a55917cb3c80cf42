package io.boucle.storefront;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopPagesTests {

    @Test
    void summaryOfALongDescriptionEndsAtAWord() {
        String summary = ShopPages.summary("Une théière en fonte émaillée. ".repeat(10));
        assertThat(summary).endsWith("…").hasSizeLessThanOrEqualTo(156);
        assertThat(summary.substring(0, summary.length() - 1)).doesNotEndWith(" ");
    }

    @Test
    void summaryOfALongDescriptionWithoutSpacesIsCutAnyway() {
        String summary = ShopPages.summary("Voir:https://www.exemple.fr/notices/" + "x".repeat(300));
        assertThat(summary).hasSize(153).endsWith("…");
    }
}
