package io.boucle.search;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Category;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductPublished;
import io.boucle.catalog.ProductWithdrawn;
import io.boucle.shared.KeptValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Search over the published catalog. A product matches when its words match the query after
 * French stemming without accents ("velos" finds "Vélo"); when no product has the query's words, the
 * products whose title is close to the query by trigrams match instead ("chausure" finds "Chaussure").
 * Tolerating typos only then keeps a common word's search to its index: matching titles by trigrams
 * rechecks thousands of candidate titles.
 */
@Service
public class ProductSearch {

    public static final int MAX_QUERY_LENGTH = 200;

    /** How many searches (query, filters and page) are kept, at most. */
    static final int KEPT_SEARCHES = 2_000;

    /**
     * The documents a search matches: by their words (French stems without accents), or, when no
     * document has the query's words, by titles close to the query (typos). The score ranks them:
     * {@code ts_rank} over the words, word similarity over the titles.
     */
    private enum Matching {
        WORDS("websearch_to_tsquery('search.fr', :q)", "d.body @@ q.v", "ts_rank(d.body, q.v)"),
        CLOSE_TITLES("search.simplify(:q)", "q.v OPERATOR(public.<%) d.title_simple", "public.word_similarity(q.v, d.title_simple)");

        private final String query;
        private final String condition;
        private final String score;

        Matching(String query, String condition, String score) {
            this.query = query;
            this.condition = condition;
            this.score = score;
        }

        /** The matching documents with the given columns, filtered by category and kind. */
        String select(String columns) {
            return "WITH q AS (SELECT " + query + " AS v) SELECT " + columns.replace("$score", score)
                    + " FROM search.document d, q WHERE " + condition + """

                      AND (:category::text IS NULL OR :category = ANY (d.category_path))
                      AND (:kind::text IS NULL OR d.kind = :kind)
                    """;
        }
    }

    private record Asked(String q, String category, String kind, int page, int size) {
    }

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final KeptValues<Asked, SearchResults> kept;

    ProductSearch(JdbcClient jdbc, Catalog catalog, @Value("${boucle.search.cache-ttl:PT10S}") Duration keptFor) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.kept = new KeptValues<>(keptFor, KEPT_SEARCHES);
    }

    /**
     * One page of the products matching a query, best first, and the facets of all matches. A search
     * asked again within {@code boucle.search.cache-ttl} (10 s by default; 0 keeps nothing) is
     * answered from memory; an indexing on this node forgets them all once it commits.
     */
    @Transactional(readOnly = true)
    public SearchResults search(String query, String categorySlug, String kind, int page, int size) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return new SearchResults(List.of(), page, size, 0, Map.of(), Map.of(), Map.of());
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("q: at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("q: no control characters");
        }
        if (categorySlug != null && !categorySlug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("category: not a category address");
        }
        return kept.get(new Asked(q, categorySlug, kind, page, size), () -> find(q, categorySlug, kind, page, size));
    }

    private SearchResults find(String q, String categorySlug, String kind, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("category", categorySlug);
        params.put("kind", kind);
        Matching matching = Matching.WORDS;
        Map<String, Map<String, Long>> facets = facets(matching, params);
        long total = facets.get("total").getOrDefault("", 0L);
        if (total == 0) {
            matching = Matching.CLOSE_TITLES;
            facets = facets(matching, params);
            total = facets.get("total").getOrDefault("", 0L);
        }
        long offset = (long) page * size;
        List<String> slugs = offset >= total ? List.of()
                : jdbc.sql("SELECT slug FROM (" + matching.select("d.slug, $score AS score, d.published_at")
                        + ") m ORDER BY score DESC, published_at DESC, slug LIMIT :size OFFSET :offset")
                        .params(params).param("size", size).param("offset", offset)
                        .query(String.class).list();
        return new SearchResults(slugs, page, size, total, facets.get("category"), facets.get("kind"), facets.get("brand"));
    }

    /** The total and the three facets in one statement, over one evaluation of the matches (no scores). */
    private Map<String, Map<String, Long>> facets(Matching matching, Map<String, Object> params) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : List.of("total", "category", "kind", "brand")) {
            facets.put(facet, new LinkedHashMap<>());
        }
        jdbc.sql("WITH m AS MATERIALIZED (" + matching.select("d.category_path, d.kind, d.brand") + """
                )
                SELECT 'total' AS facet, '' AS value, count(*) AS n FROM m
                UNION ALL SELECT 'category', value, count(*) FROM (SELECT unnest(category_path) AS value FROM m) v
                    WHERE value IS NOT NULL GROUP BY value
                UNION ALL SELECT 'kind', kind, count(*) FROM m WHERE kind IS NOT NULL GROUP BY kind
                UNION ALL SELECT 'brand', brand, count(*) FROM m WHERE brand IS NOT NULL GROUP BY brand
                ORDER BY 1, 3 DESC, 2
                """)
                .params(params)
                .query((row, n) -> facets.get(row.getString("facet")).put(row.getString("value"), row.getLong("n")))
                .list();
        return facets;
    }

    /** Titles that start like what is being typed, for a search box's suggestions. */
    @Transactional(readOnly = true)
    public List<Suggestion> suggest(String prefix, int limit) {
        String p = prefix == null ? "" : prefix.strip();
        if (p.length() < 2 || p.length() > MAX_QUERY_LENGTH) {
            return List.of();
        }
        return jdbc.sql("""
                WITH q AS (SELECT search.simplify(:p) AS simple)
                SELECT slug, title_fr, title_en FROM search.document d, q
                WHERE d.title_simple LIKE '%' || replace(replace(q.simple, '%', ''), '_', '') || '%'
                ORDER BY (d.title_simple LIKE q.simple || '%') DESC, public.similarity(q.simple, d.title_simple) DESC, slug
                LIMIT :limit
                """)
                .param("p", p).param("limit", limit)
                .query((row, n) -> new Suggestion(row.getString("slug"), row.getString("title_fr"), row.getString("title_en")))
                .list();
    }

    @ApplicationModuleListener
    void on(ProductPublished event) {
        index(event.slug());
    }

    @ApplicationModuleListener
    void on(ProductWithdrawn event) {
        index(event.slug());
    }

    /** (Re)indexes one product from the catalog; a product no longer published leaves the index. */
    @Transactional
    public void index(String slug) {
        kept.changed();
        // Publish and withdraw events of one product are handled in parallel: take turns per product,
        // so the last change read is the last one written.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('search.document:' || :slug))").param("slug", slug).query().singleRow();
        ProductDetails product = catalog.findBySlug(slug, false).orElse(null);
        if (product == null) {
            jdbc.sql("DELETE FROM search.document WHERE slug = :slug").param("slug", slug).update();
            return;
        }
        List<String> path = new ArrayList<>(product.breadcrumb().stream().map(Category::slug).toList());
        String attributes = String.join(" ", product.attributes().stream()
                .map(a -> a.value().fr() + " " + a.value().en()).toList());
        jdbc.sql("""
                INSERT INTO search.document (slug, kind, category_path, brand, price, title_fr, title_en, title_simple, body, published_at)
                VALUES (:slug, :kind, string_to_array(:path, ','), :brand, :price, :titleFr, :titleEn, search.simplify(:titleFr || ' ' || :titleEn),
                        setweight(to_tsvector('search.fr', :titleFr), 'A')
                        || setweight(to_tsvector('search.fr', :titleEn), 'B')
                        || setweight(to_tsvector('search.fr', coalesce(:brand, '') || ' ' || :categories || ' ' || :attributes), 'B')
                        || setweight(to_tsvector('search.fr', :description), 'D'),
                        :publishedAt)
                ON CONFLICT (slug) DO UPDATE SET kind = EXCLUDED.kind, category_path = EXCLUDED.category_path,
                    brand = EXCLUDED.brand, price = EXCLUDED.price, title_fr = EXCLUDED.title_fr, title_en = EXCLUDED.title_en,
                    title_simple = EXCLUDED.title_simple, body = EXCLUDED.body, published_at = EXCLUDED.published_at
                """)
                .param("slug", slug)
                .param("kind", product.secondHand() ? "SECOND_HAND" : "NEW")
                .param("path", String.join(",", path))
                .param("brand", product.brand())
                .param("price", product.lowestPrice().amount())
                .param("titleFr", product.title().fr())
                .param("titleEn", product.title().en())
                .param("categories", String.join(" ", product.breadcrumb().stream()
                        .map(c -> c.name().fr() + " " + c.name().en()).toList()))
                .param("attributes", attributes)
                .param("description", product.description().fr() + " " + product.description().en())
                .param("publishedAt", Timestamp.from(product.publishedAt()))
                .update();
    }
}
