package io.boucle.returns;

public enum ReturnKind {
    /** The customer withdrew from the contract (14 days, no reason needed). */
    WITHDRAWAL,
    /** A defect under the legal guarantee of conformity (2 years from delivery). */
    CONFORMITY
}
