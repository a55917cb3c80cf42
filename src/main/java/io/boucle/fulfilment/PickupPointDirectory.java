package io.boucle.fulfilment;

import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;

/**
 * Where relay points come from: a carrier's directory. The shop ships with a sample directory of
 * made-up points in a few French cities; a carrier's adapter replaces it by declaring a bean of
 * this type.
 */
public interface PickupPointDirectory {

    /** Relay points near a postal code in a country, nearest first, at most {@code limit}. */
    List<PickupPoint> near(CountryCode country, String postalCode, int limit);

    /** A relay point by its id, when it exists and takes parcels. */
    Optional<PickupPoint> find(String id);
}
