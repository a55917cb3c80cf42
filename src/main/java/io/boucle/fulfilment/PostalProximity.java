package io.boucle.fulfilment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.boucle.shared.CountryCode;

/**
 * "Near" without a map: two postal codes of the same country are the closer the longer the start
 * they share, then the smaller the difference of their numbers. French codes begin with the
 * department, so 75011 is nearer 75012 than 75020, and any Paris code nearer than 69003.
 */
final class PostalProximity {

    private PostalProximity() {
    }

    /** The points of a country, nearest to the postal code first, at most {@code limit}. */
    static List<PickupPoint> nearest(List<PickupPoint> points, CountryCode country, String postalCode, int limit) {
        String target = normalise(postalCode);
        return points.stream()
                .filter(point -> point.country().equals(country))
                .sorted(Comparator.<PickupPoint>comparingInt(point -> -sharedPrefix(normalise(point.postalCode()), target))
                        .thenComparingLong(point -> numericDistance(normalise(point.postalCode()), target))
                        .thenComparing(PickupPoint::id))
                .limit(Math.max(limit, 0))
                .toList();
    }

    static String normalise(String postalCode) {
        return postalCode == null ? "" : postalCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static int sharedPrefix(String a, String b) {
        int shared = 0;
        while (shared < a.length() && shared < b.length() && a.charAt(shared) == b.charAt(shared)) {
            shared++;
        }
        // Beyond the first two characters (the French department), nearer numbers matter more than digits.
        return Math.min(shared, 2);
    }

    private static long numericDistance(String a, String b) {
        String digitsA = a.replaceAll("\\D", "");
        String digitsB = b.replaceAll("\\D", "");
        if (digitsA.isEmpty() || digitsB.isEmpty() || digitsA.length() > 9 || digitsB.length() > 9) {
            return Long.MAX_VALUE;
        }
        return Math.abs(Long.parseLong(digitsA) - Long.parseLong(digitsB));
    }
}
