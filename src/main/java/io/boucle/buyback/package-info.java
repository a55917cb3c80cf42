/**
 * Buying second-hand items back from customers: an indicative quote from a grid, reception and
 * inspection, a final offer accepted (store credit with a bonus, or a bank transfer) or declined, the
 * purchase slip and the dealers' register, and the item relisted as a unique second-hand product whose
 * purchase price feeds margin-scheme VAT.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "catalog", "customer", "payment", "inventory", "order", "messaging" })
package io.boucle.buyback;
