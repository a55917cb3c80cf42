/** The staff's pages under {@code /admin}: sign-in, dashboard, and one section per capability. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "staff", "messaging" })
package io.boucle.backoffice;
