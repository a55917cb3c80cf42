/**
 * Small value types every module speaks (money, percentages, countries, email addresses, ids),
 * the application clock and the demo-data plug-in point.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.boucle.shared;
