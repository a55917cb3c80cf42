package io.boucle.platform.web;

import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageFormatTests {

    final PageFormat format = new PageFormat();

    @Test
    void pricesInEachLanguageAndCurrencyFromManyThreadsAtOnce() {
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        IntStream.range(0, 2_000).parallel().forEach(i -> {
            String fr = format.price(Money.euros("18.90"), Locale.FRENCH);
            String en = format.price(Money.euros("1234.5"), Locale.ENGLISH);
            String pounds = format.price(Money.of(new java.math.BigDecimal("7.00"), Currency.getInstance("GBP")), Locale.ENGLISH);
            if (!fr.matches("18,90\\h€") || !en.equals("€1,234.50") || !pounds.equals("£7.00")) {
                wrong.add(fr + " | " + en + " | " + pounds);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void descriptionsRenderTheSameEachTimeWithRawHtmlShownAsText() {
        for (String text : List.of("Un **tablier** solide.", "<script>alert(1)</script> [lien](javascript:alert(1))")) {
            String first = format.markdown(text);
            assertThat(format.markdown(new String(text))).isEqualTo(first);
        }
        assertThat(format.markdown("Un **tablier** solide.")).isEqualTo("<p>Un <strong>tablier</strong> solide.</p>\n");
        assertThat(format.markdown("<script>alert(1)</script>")).doesNotContain("<script>");
        assertThat(format.markdown(null)).isEmpty();
    }
}
