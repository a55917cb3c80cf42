/**
 * After the sale: the right of withdrawal (14 days from receipt, Code de la consommation L221-18 to
 * L221-28) with its online withdrawal function, returns for withdrawal or under the legal guarantee of
 * conformity, reception and inspection per line, refunds to the original means of payment within 14
 * days with a deadline watch, credit notes, and returned items restocked or queued for the second-hand
 * flow. Its tables live in the schema {@code returns}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "order", "payment", "invoicing",
        "inventory", "catalog", "messaging", "fulfilment" })
package io.boucle.returns;
