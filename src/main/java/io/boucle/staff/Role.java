package io.boucle.staff;

/** What a staff member may do; an account can hold several. */
public enum Role {
    /** Everything, including settings and staff accounts. */
    OWNER,
    /** Catalog, orders, shipments, returns, customers, campaigns. */
    MANAGER,
    /** Customers, orders and tickets, read-mostly. */
    SUPPORT,
    /** Invoices, credit notes, VAT reports and exports. */
    ACCOUNTANT;

    public String authority() {
        return "ROLE_" + name();
    }
}
