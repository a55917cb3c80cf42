package io.boucle.platform.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills the application with SIGKILL (as {@code kill -9}) while an event is being handled, starts
 * it again on the same data directory, and checks the event is delivered again and handled once.
 * Each run is a real separate JVM with its own embedded PostgreSQL.
 */
class EventRedeliveryAfterCrashTests {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void eventInterruptedByKillIsDeliveredAgainAfterRestart() throws Exception {
        Drill first = start("--drill.publish=true", "--drill.mode=hang");
        first.awaitLine("DRILL HANDLING drill-1");
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("the killed instance left its PostgreSQL server running").isTrue();

        Drill second = start("--drill.publish=false", "--drill.mode=record");
        String handled = second.awaitLine("DRILL HANDLED drill-1");
        assertThat(handled).endsWith("count=1");
        assertThat(second.output()).anyMatch(line -> line.contains("by an instance that did not shut down"));

        second.awaitLine("Started CrashDrill");
        second.process.destroy();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("graceful stop").isTrue();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the application").doesNotExist();
    }

    private Drill start(String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashDrill.class.getName(),
                "--boucle.data-dir=" + dataDir, "--boucle.database.url=", "--boucle.embedded.ephemeral=false",
                "--boucle.amqp.url=", "--boucle.demo=false", "--server.port=0",
                "--spring.modulith.events.republish-outstanding-events-on-restart=true",
                "--logging.level.io.boucle=INFO"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BOUCLE_"));
        Process process = builder.start();
        processes.add(process);
        return new Drill(process);
    }

    static final class Drill {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final Thread reader;

        Drill(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.contains(text)) {
                        return line;
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            return fail("no line with '" + text + "'; output:\n" + String.join("\n", output()));
        }

        /** Everything printed so far; once the process has ended, everything it printed. */
        List<String> output() throws InterruptedException {
            if (!process.isAlive()) {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            }
            lines.drainTo(seen);
            return seen;
        }
    }
}
