/**
 * Finding products: full-text search in French that ignores accents and forgives typos, with
 * facets and suggestions, over an index fed by catalog events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "catalog" })
package io.boucle.search;
