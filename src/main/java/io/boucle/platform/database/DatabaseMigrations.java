package io.boucle.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each module owns a schema named after it and a folder {@code db/migration/<module>} of Flyway
 * migrations with its own history, so modules version their tables independently.
 */
public final class DatabaseMigrations {

    private static final String ROOT = "db/migration/";

    private DatabaseMigrations() {
    }

    public static void migrate(DataSource dataSource) {
        for (String module : modules()) {
            try {
                migrate(dataSource, module);
            } catch (FlywayException e) {
                throw new DatabaseUnavailableException(
                        "The schema of module '" + module + "' could not be migrated: " + e.getMessage(),
                        "A migration that was already applied must never change: restore it and add a new one. "
                                + "For a throw-away demo database, delete the data directory to start over.", e);
            }
        }
    }

    private static void migrate(DataSource dataSource, String module) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(module)
                .defaultSchema(module)
                .createSchemas(true)
                .locations("classpath:" + ROOT + module)
                .table("flyway_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** The schemas that have migrations, in a stable order. */
    public static SortedSet<String> modules() {
        try {
            SortedSet<String> modules = new TreeSet<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "*/V*.sql")) {
                String path = resource.getURL().toString();
                int end = path.lastIndexOf('/');
                modules.add(path.substring(path.lastIndexOf('/', end - 1) + 1, end));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
