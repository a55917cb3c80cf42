package io.boucle.fulfilment;

import io.boucle.shared.CountryCode;

/** A relay point or a shop where a parcel can be collected. */
public record PickupPoint(String id, String name, String line1, String postalCode, String city, CountryCode country,
                          String openingHours) {
}
