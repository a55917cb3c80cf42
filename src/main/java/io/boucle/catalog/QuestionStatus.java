package io.boucle.catalog;

/** Where a shopper's question stands: waiting, answered by staff (and then shown), or set aside. */
public enum QuestionStatus {
    PENDING, ANSWERED, REJECTED
}
