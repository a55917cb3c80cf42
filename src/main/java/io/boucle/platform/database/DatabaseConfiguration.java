package io.boucle.platform.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.boucle.platform.BoucleProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one connection pool. It points at {@code BOUCLE_DATABASE_URL} when set, otherwise at the
 * embedded server; either way the schema is migrated before the pool is handed to anyone, so no
 * component ever sees an out-of-date database. With {@code boucle.database.migrate=false} (the read-only
 * {@code verify-invoice-chain} command) the migrations are only validated: a database behind is refused.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(BoucleProperties properties) {
        if (properties.database().external()) {
            return new EmbeddedDatabaseHolder(null);
        }
        return new EmbeddedDatabaseHolder(EmbeddedDatabaseStart.claim(properties));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(BoucleProperties properties, EmbeddedDatabaseHolder embedded,
            ObjectProvider<DatabaseReset> reset, @Value("${boucle.database.migrate:true}") boolean migrate) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("boucle");
        config.setMaximumPoolSize(properties.database().poolSize());
        config.setConnectionTimeout(10_000);
        if (embedded.database() != null) {
            config.setJdbcUrl(embedded.database().jdbcUrl());
            config.setUsername(embedded.database().user());
        } else {
            config.setJdbcUrl(properties.database().url());
            config.setUsername(properties.database().user());
            config.setPassword(properties.database().password());
        }
        config.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            checkReachable(dataSource, config.getJdbcUrl());
            reset.ifAvailable(r -> r.reset(dataSource));
            if (migrate) {
                DatabaseMigrations.migrate(dataSource);
            } else {
                DatabaseMigrations.validate(dataSource);
            }
            return dataSource;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    static void checkReachable(DataSource dataSource, String url) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(5)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "The PostgreSQL server at " + url + " cannot be reached: " + e.getMessage(),
                    "Start the server or correct BOUCLE_DATABASE_URL, BOUCLE_DATABASE_USER and BOUCLE_DATABASE_PASSWORD; "
                            + "unset BOUCLE_DATABASE_URL to use the embedded server.", e);
        }
    }

    /** Wraps the optional embedded server so it is stopped after the pool is closed. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
