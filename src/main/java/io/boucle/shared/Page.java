package io.boucle.shared;

import java.util.List;

/** One page of a list, as the API and the pages show it. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
