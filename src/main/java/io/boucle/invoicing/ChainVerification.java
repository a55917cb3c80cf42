package io.boucle.invoicing;

/**
 * The outcome of checking the hash chain over every issued document ({@link Invoicing#verifyChain()}):
 * intact, or where it first breaks.
 */
public sealed interface ChainVerification {

    /** Every document, in the order issued, still has the hash it was given. */
    record Intact(long documents, String lastHash) implements ChainVerification {
    }

    /**
     * The first document, in chain order, whose content (or link to the one before) no longer matches its
     * hash: it was changed after issue. Later documents are not checked.
     *
     * @param document the document's number as stored (text: the number itself may be what was altered)
     * @param detail   what was found
     */
    record Altered(String document, long position, String detail) implements ChainVerification {
    }

    /** A document is missing from the chain: deleted, or the chain head and the documents disagree. */
    record Incomplete(long position, String detail) implements ChainVerification {
    }

    default boolean isIntact() {
        return this instanceof Intact;
    }
}
