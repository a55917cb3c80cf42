package io.boucle.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each module owns a schema named after it and a folder {@code db/migration/<module>} of Flyway
 * migrations with its own history, so modules version their tables independently. A start migrates
 * them; a read-only start ({@code boucle.database.migrate=false}) only validates them.
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

    /**
     * Checks, without changing anything, that every module's schema has exactly the migrations of this
     * version applied: a database behind (a migration not applied yet, or a module's schema missing) or
     * whose applied migrations were changed is refused, with what to do.
     */
    public static void validate(DataSource dataSource) {
        for (String module : modules()) {
            Flyway flyway = flyway(dataSource, module).createSchemas(false).load();
            List<String> pending;
            try {
                pending = Arrays.stream(flyway.info().pending()).map(migration -> "V" + migration.getVersion()).toList();
            } catch (FlywayException e) {
                throw new DatabaseUnavailableException("The schema of module '" + module + "' could not be read: "
                        + e.getMessage(), "Check that the database is Boucle's and that the shop was started on it once.", e);
            }
            if (!pending.isEmpty()) {
                throw new DatabaseUnavailableException("The database is behind this version: the schema of module '" + module
                        + "' lacks the migrations " + String.join(", ", pending) + " (not applied: they are only validated here). "
                        + "Start the shop of this version once to apply them, then run this again.",
                        "Start the shop of this version once to migrate the database.", null);
            }
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                throw new DatabaseUnavailableException("The schema of module '" + module + "' does not match this version's "
                        + "migrations: " + result.getAllErrorMessages(),
                        "A migration that was already applied must never change: restore it and add a new one.", null);
            }
        }
    }

    private static void migrate(DataSource dataSource, String module) {
        flyway(dataSource, module).createSchemas(true).load().migrate();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String module) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(module)
                .defaultSchema(module)
                .locations("classpath:" + ROOT + module)
                .table("flyway_schema_history")
                .failOnMissingLocations(true);
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
