/**
 * Who changed what, when: one row per staff action, written by the module that makes the change in
 * the change's own transaction, so a change that fails leaves no row and a row always matches a change.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.boucle.audit;
