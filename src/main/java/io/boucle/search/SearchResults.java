package io.boucle.search;

import java.util.List;
import java.util.Map;

/**
 * The products matching a search, best first, and how the matches spread over the facets
 * (counts for the whole result, not just this page).
 */
public record SearchResults(List<String> slugs, int page, int size, long total, Map<String, Long> categories,
        Map<String, Long> kinds, Map<String, Long> brands) {

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
