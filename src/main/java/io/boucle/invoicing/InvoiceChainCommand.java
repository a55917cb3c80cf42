package io.boucle.invoicing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar boucle.jar verify-invoice-chain}: verifies the hash chain of the issued invoices and credit
 * notes in the configured database, as {@code GET /api/v1/admin/invoices/chain-verification} does, prints the
 * result of each series and the first altered or missing document, and exits with {@link #INTACT} (0),
 * {@link #BROKEN} (1) or {@link #NOT_VERIFIED} (2, the check could not run, e.g. no database).
 *
 * <p>The application starts read-only, with the same configuration (environment variables,
 * {@code BOUCLE_DATABASE_URL} or the embedded database in {@code BOUCLE_DATA_DIR}): without its web server
 * (port -1: the web application is built but listens on no port), without the job scheduler (no due job —
 * email, order expiry, event redelivery — runs), with the database's migrations validated but not applied (a
 * database behind this version is refused: not verified), without opening or updating the first owner account,
 * seeding demo data or delivering again the events left unhandled; it stops once the chain is verified. The
 * embedded database is used by one process at a time: stop the shop first, or verify through the endpoint.
 */
public final class InvoiceChainCommand {

    public static final String NAME = "verify-invoice-chain";
    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int NOT_VERIFIED = 2;

    /** What the command changes of a normal start, given after the user's arguments so it prevails. */
    private static final List<String> OVERRIDES = List.of("--server.port=-1", "--boucle.demo=false", "--boucle.jobs.enabled=false",
            "--boucle.database.migrate=false", "--boucle.staff.first-owner=false",
            "--spring.modulith.events.republish-outstanding-events-on-restart=false", "--logging.level.root=WARN");

    private InvoiceChainCommand() {
    }

    /** Whether the command line asks for this command: its first argument is {@value #NAME}. */
    public static boolean requested(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /**
     * Starts {@code application} without a web server, verifies the chain, prints the report to {@code out}
     * and stops the application.
     *
     * @param args the command line, the command's name first; the others are passed to the application
     * @return the process's exit code
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        return run(new SpringApplication(application), args, out);
    }

    /** As {@link #run(Class, String[], PrintStream)}, with the application to start already built. */
    static int run(SpringApplication spring, String[] args, PrintStream out) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        arguments.addAll(OVERRIDES);
        try (ConfigurableApplicationContext context = spring.run(arguments.toArray(String[]::new))) {
            return report(context.getBean(Invoicing.class).verifyChain(), out);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            out.println("Invoice chain NOT VERIFIED: " + cause.getMessage());
            return NOT_VERIFIED;
        }
    }

    /** Prints the verification, a line for the chain and one per series; returns the exit code. */
    static int report(ChainVerification verification, PrintStream out) {
        Optional<String> brokenSeries = Optional.empty();
        switch (verification) {
            case ChainVerification.Intact intact -> out.println("Invoice chain OK: " + intact.documents()
                    + " documents, last hash " + intact.lastHash());
            case ChainVerification.Altered altered -> {
                out.println("Invoice chain ALTERED: first altered document " + altered.document() + " (position "
                        + altered.position() + "): " + altered.detail());
                brokenSeries = seriesOf(altered.document());
            }
            case ChainVerification.Incomplete incomplete -> out.println("Invoice chain INCOMPLETE at position "
                    + incomplete.position() + ": " + incomplete.detail());
        }
        for (Map.Entry<String, Long> series : verification.series().entrySet()) {
            out.println("  series " + series.getKey() + ": " + "1 to " + series.getValue()
                    + " intact" + (brokenSeries.filter(series.getKey()::equals).isPresent()
                            ? ", then " + ((ChainVerification.Altered) verification).document() + " ALTERED" : ""));
        }
        if (verification instanceof ChainVerification.Altered altered
                && brokenSeries.filter(verification.series()::containsKey).isEmpty()) {
            out.println("  series " + brokenSeries.orElse("?") + ": " + altered.document() + " ALTERED");
        }
        if (!verification.isIntact()) {
            out.println("  documents after the first altered or missing one are not checked");
        }
        return verification.isIntact() ? INTACT : BROKEN;
    }

    private static Optional<String> seriesOf(String document) {
        try {
            return Optional.of(InvoiceNumber.parse(document).series());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
