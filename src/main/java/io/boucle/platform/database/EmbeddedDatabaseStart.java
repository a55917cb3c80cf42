package io.boucle.platform.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.boucle.platform.BoucleProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.util.FileSystemUtils;

/**
 * Starts the embedded PostgreSQL server as soon as the configuration is known, on its own thread,
 * so that it boots while Spring builds the rest of the application; the data source then
 * {@linkplain #claim claims} the running server. A server that nobody claims (the application
 * failed to start) is stopped when the JVM exits.
 */
public class EmbeddedDatabaseStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<String, CompletableFuture<EmbeddedDatabase>> STARTING = new ConcurrentHashMap<>();
    private static final AtomicInteger EPHEMERAL = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTING.values().forEach(start -> {
            try {
                start.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
            } catch (Exception ignored) {
                // it failed to start, or will be found orphaned and stopped by the next start
            }
        }), "embedded-postgres-unclaimed"));
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        BoucleProperties properties = Binder.get(event.getEnvironment())
                .bindOrCreate("boucle", Bindable.of(BoucleProperties.class));
        if (properties.database().external()) {
            return;
        }
        STARTING.computeIfAbsent(key(properties), key -> {
            CompletableFuture<EmbeddedDatabase> start = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("embedded-postgres-start").start(() -> {
                try {
                    start.complete(start(properties));
                } catch (Throwable e) {
                    start.completeExceptionally(e);
                }
            });
            return start;
        });
    }

    /** The server started early for these settings, or a new one. */
    static EmbeddedDatabase claim(BoucleProperties properties) {
        CompletableFuture<EmbeddedDatabase> started = STARTING.remove(key(properties));
        if (started == null) {
            return start(properties);
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static EmbeddedDatabase start(BoucleProperties properties) {
        boolean ephemeral = properties.embedded().ephemeral();
        Path dataDir = properties.dataDir();
        if (ephemeral) {
            // Each throw-away cluster gets its own directory, so several contexts in one JVM never share one.
            dataDir = dataDir.resolve("ephemeral-" + ProcessHandle.current().pid() + "-" + EPHEMERAL.incrementAndGet());
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        return EmbeddedDatabase.start(dataDir, properties.embedded().port(), !ephemeral);
    }

    private static String key(BoucleProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize() + "|" + properties.embedded();
    }
}
