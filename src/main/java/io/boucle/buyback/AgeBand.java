package io.boucle.buyback;

/** How old an item is, by the year the customer bought it: the grid's third dimension. */
public enum AgeBand {
    UNDER_1_YEAR, YEARS_1_TO_3, YEARS_3_TO_5, OVER_5_YEARS;

    /** The band of an item bought in {@code purchaseYear}, seen in {@code currentYear}. */
    public static AgeBand of(int purchaseYear, int currentYear) {
        int age = currentYear - purchaseYear;
        if (age < 1) {
            return UNDER_1_YEAR;
        }
        if (age < 3) {
            return YEARS_1_TO_3;
        }
        return age < 5 ? YEARS_3_TO_5 : OVER_5_YEARS;
    }
}
