package io.boucle.invoicing;

/**
 * Whether a document supplies goods, services or both, a mention the e-invoicing reform adds (décret
 * n° 2022-1299; DOMAIN-RULES §1, written B1, S1 or M1 in French e-invoices). A delivery charge follows the
 * goods it carries (Directive 2006/112/EC art. 78(b)) and does not make a sale of goods mixed.
 */
public enum OperationCategory {
    GOODS,
    SERVICES,
    MIXED
}
