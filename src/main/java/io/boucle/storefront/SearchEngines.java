package io.boucle.storefront;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.boucle.catalog.Catalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** What search engines read first: which addresses to crawl, and every page in both languages. */
@RestController
class SearchEngines {

    private final Catalog catalog;
    private final URI publicUrl;

    SearchEngines(Catalog catalog, @Value("${boucle.public-url}") URI publicUrl) {
        this.catalog = catalog;
        this.publicUrl = publicUrl;
    }

    @GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    String robots() {
        return """
                User-agent: *
                Disallow: /admin
                Disallow: /api/
                Disallow: /recherche
                Sitemap: %s
                """.formatted(publicUrl.resolve("/sitemap.xml"));
    }

    @GetMapping(value = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String sitemap() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
                """);
        url(xml, "/", null);
        catalog.categories().forEach(category -> url(xml, "/c/" + category.slug(), null));
        for (Map.Entry<String, Instant> product : catalog.publishedSlugs()) {
            url(xml, "/p/" + product.getKey(), product.getValue());
        }
        return xml.append("</urlset>\n").toString();
    }

    private void url(StringBuilder xml, String path, Instant modified) {
        String location = HtmlUtils.htmlEscape(publicUrl.resolve(path).toString(), "UTF-8");
        xml.append("  <url><loc>").append(location).append("</loc>");
        if (modified != null) {
            xml.append("<lastmod>").append(DateTimeFormatter.ISO_LOCAL_DATE.format(modified.atOffset(ZoneOffset.UTC))).append("</lastmod>");
        }
        for (String language : new String[] { "fr", "en" }) {
            xml.append("<xhtml:link rel=\"alternate\" hreflang=\"").append(language).append("\" href=\"")
                    .append(location).append(path.contains("?") ? "&amp;" : "?").append("lang=").append(language).append("\"/>");
        }
        xml.append("</url>\n");
    }
}
