package io.boucle.inventory;

/** Units moved from one location to another; both ledger lines carry {@code reference}. */
public record Transfer(String reference, String sku, String from, String to, int quantity, StockLevel stock) {
}
