/**
 * What shoppers bring to other shoppers: reviews from verified buyers (checked against their
 * orders, moderated by staff), questions answered by staff (the answer emailed to whoever asked),
 * and the products bought together, counted from paid orders. The texts live in the catalog; this
 * module decides who may write them and tells people what became of them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "catalog", "order", "customer", "messaging", "audit" })
package io.boucle.community;
