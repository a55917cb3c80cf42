/** The web base other modules build on: problem responses and request limits. */
@org.springframework.modulith.NamedInterface("web")
package io.boucle.platform.web;
