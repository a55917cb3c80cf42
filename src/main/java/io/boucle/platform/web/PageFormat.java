package io.boucle.platform.web;

import java.text.NumberFormat;
import java.util.Locale;

import io.boucle.shared.Money;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/** How pages write prices and descriptions; templates reach it as {@code @pageFormat}. */
@Component
public class PageFormat {

    private final Parser markdown = Parser.builder().build();
    // Raw HTML in a description is shown as text and unsafe links are dropped: descriptions can come from imports.
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    /** "18,90 €" in French, "€18.90" in English. */
    public String price(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance("en".equals(locale.getLanguage()) ? Locale.UK : Locale.FRANCE);
        format.setCurrency(money.currency());
        return format.format(money.amount());
    }

    public String markdown(String text) {
        return text == null ? "" : html.render(markdown.parse(text));
    }
}
