package io.boucle.platform.web;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.boucle.shared.Money;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/** How pages write prices and descriptions; templates reach it as {@code @pageFormat}. */
@Component
public class PageFormat {

    /** Rendered descriptions kept at most; past that, the memory starts again. */
    static final int KEPT_DESCRIPTIONS = 2_000;

    private final Parser markdown = Parser.builder().build();
    // Raw HTML in a description is shown as text and unsafe links are dropped: descriptions can come from imports.
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    // Rendering depends on the text only, so what was rendered can be kept as long as wanted.
    private final Map<String, String> rendered = new ConcurrentHashMap<>();
    // A format is not thread-safe: each price gets a copy of the one for its language and currency.
    private final Map<List<Object>, NumberFormat> priceFormats = new ConcurrentHashMap<>();

    /** "18,90 €" in French, "€18.90" in English. */
    public String price(Money money, Locale locale) {
        Locale shown = "en".equals(locale.getLanguage()) ? Locale.UK : Locale.FRANCE;
        Currency currency = money.currency();
        NumberFormat format = priceFormats.computeIfAbsent(List.of(shown, currency), key -> {
            NumberFormat created = NumberFormat.getCurrencyInstance(shown);
            created.setCurrency(currency);
            return created;
        });
        return ((NumberFormat) format.clone()).format(money.amount());
    }

    public String markdown(String text) {
        if (text == null) {
            return "";
        }
        String kept = rendered.get(text);
        if (kept == null) {
            kept = html.render(markdown.parse(text));
            if (rendered.size() >= KEPT_DESCRIPTIONS) {
                rendered.clear();
            }
            rendered.put(text, kept);
        }
        return kept;
    }
}
