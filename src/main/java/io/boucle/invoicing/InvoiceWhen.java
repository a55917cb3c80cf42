package io.boucle.invoicing;

/**
 * When an order is invoiced, a merchant setting. Either way an order paid then cancelled or refunded in full
 * before it shipped still gets its invoice and the credit note, as the payment was received.
 */
public enum InvoiceWhen {
    /** As soon as the order is paid (the default). */
    PAID,
    /** When its goods leave the shop: the first parcel shipped, or the order collected in store. */
    SHIPPED
}
