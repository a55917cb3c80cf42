package io.boucle.buyback;

/** How the seller is paid: store credit (with the bonus) or a bank transfer to their IBAN. */
public enum PayoutMethod {
    STORE_CREDIT, BANK_TRANSFER
}
