/**
 * The REST API under {@code /api/v1}: JSON, errors as {@code application/problem+json}, described
 * by OpenAPI at {@code /api/v1/openapi.json}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform::web", "staff", "catalog", "inventory", "search", "invoicing", "pricing", "fulfilment", "payment", "cart", "order", "checkout", "returns", "audit", "analytics", "tax" })
package io.boucle.api;
