package io.boucle.shared;

/**
 * A module's contribution to the demo shop. Seeders run once, on an empty database in demo
 * mode, in ascending {@link #order()}, each in its own transaction. They must be deterministic
 * (fixed seeds, no download) so every fresh demo looks the same.
 */
public interface DemoSeeder {

    /** A stable name, recorded once the seeder has run. */
    String name();

    /** Lower runs first: catalog before orders, orders before analytics. */
    default int order() {
        return 0;
    }

    void seed();
}
