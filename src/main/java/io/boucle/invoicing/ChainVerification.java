package io.boucle.invoicing;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of checking the hash chain over every issued document ({@link Invoicing#verifyChain()}):
 * intact, or where it first breaks.
 */
public sealed interface ChainVerification {

    /** Every document, in the order issued, still has the hash it was given. */
    record Intact(long documents, String lastHash, SortedMap<String, Long> series) implements ChainVerification {

        public Intact {
            series = frozen(series);
        }

        public Intact(long documents, String lastHash) {
            this(documents, lastHash, new TreeMap<>());
        }
    }

    /**
     * The first document, in chain order, whose content (or link to the one before) no longer matches its
     * hash: it was changed after issue. Later documents are not checked.
     *
     * @param document the document's number as stored (text: the number itself may be what was altered)
     * @param detail   what was found
     */
    record Altered(String document, long position, String detail, SortedMap<String, Long> series)
            implements ChainVerification {

        public Altered {
            series = frozen(series);
        }

        public Altered(String document, long position, String detail) {
            this(document, position, detail, new TreeMap<>());
        }
    }

    /** A document is missing from the chain: deleted, or the chain head and the documents disagree. */
    record Incomplete(long position, String detail, SortedMap<String, Long> series) implements ChainVerification {

        public Incomplete {
            series = frozen(series);
        }

        public Incomplete(long position, String detail) {
            this(position, detail, new TreeMap<>());
        }
    }

    default boolean isIntact() {
        return this instanceof Intact;
    }

    /**
     * Per series (prefix and year, e.g. {@code F2026}), the last number found in order with its hash before the
     * chain ended or broke: that series was checked from 1 to it. A series missing here has no document before
     * the break.
     */
    SortedMap<String, Long> series();

    private static SortedMap<String, Long> frozen(SortedMap<String, Long> series) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(series));
    }
}
