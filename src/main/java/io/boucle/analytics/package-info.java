/**
 * Storefront events, attribution, marketing spend, daily rollups and the KPIs read from them.
 * Events are buffered in memory and written in batches; orders, payments and refunds are read
 * models fed by the order, payment and returns modules' events. See docs/analytics.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "order", "payment", "catalog", "returns" })
package io.boucle.analytics;
