package io.boucle.platform.database;

import javax.sql.DataSource;

/**
 * Empties a database before it is migrated. Only tests provide one, to start every run from a
 * known state on a shared server; the application never does.
 */
public interface DatabaseReset {

    void reset(DataSource dataSource);
}
