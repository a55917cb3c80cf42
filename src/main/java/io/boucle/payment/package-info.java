/**
 * Payments through a provider: card payments with 3-D Secure, wallets, instalments and gift cards,
 * every attempt recorded; refunds. Providers live in sub-packages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform::web" })
package io.boucle.payment;
