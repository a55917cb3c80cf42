/** Who may reach what, and the shoppers' sign-in sessions that the shop's pages open and close. */
@org.springframework.modulith.NamedInterface("security")
package io.boucle.platform.security;
