package io.boucle.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Order placement alone: {@code POST /api/v1/carts/{id}/checkout} of carts prepared beforehand by
 * {@link PrepareCartsSimulation} ({@code bench.cartsFile}), each with its own Idempotency-Key and the
 * test card {@code tok_visa}. Open model: orders arrive at {@code bench.rate} per second whatever
 * the answers' speed (no coordinated omission), after a ramp-up of {@code bench.rampSeconds} from a
 * tenth of that rate, for {@code bench.seconds}. Only the steady phase is the measurement.
 */
public class PlacementSimulation extends Simulation {

    private final Outcomes outcomes = new Outcomes();
    private final StoreApi store = new StoreApi(outcomes);
    private final double rate = Bench.decimal("bench.rate", 500);
    private final Duration rampUp = Bench.seconds("bench.rampSeconds", 5);
    private final Duration steady = Bench.seconds("bench.seconds", 30);
    private final List<String> carts = Bench.readLines(Path.of(Bench.required("bench.cartsFile")));
    private final AtomicLong steadyFrom = new AtomicLong();
    /** 201 answers whose order is not PAID: tok_visa is captured at once, so these would be a fault. */
    private final AtomicLong placedNotPaid = new AtomicLong();

    private final Iterator<Map<String, Object>> feeder = carts.stream().map(id -> Map.<String, Object>of("cartId", id)).iterator();

    private final ScenarioBuilder placement = scenario("order placement")
            .exec(session -> {
                long now = System.currentTimeMillis();
                steadyFrom.compareAndSet(0, now + rampUp.toMillis());
                return session.set("rampUp", now < steadyFrom.get());
            })
            .feed(feeder)
            .exec(store.checkout("checkout", StoreApi.NONE))
            .exec(session -> {
                if ("OK".equals(session.getString("outcome")) && !"PAID".equals(session.getString("orderStatus"))) {
                    placedNotPaid.incrementAndGet();
                }
                return session;
            });

    {
        setUp(placement.injectOpen(
                rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(rampUp),
                constantUsersPerSec(rate).during(steady)))
                .protocols(Bench.protocol());
    }

    @Override
    public void after() {
        outcomes.fact("rate", rate);
        outcomes.fact("rampSeconds", rampUp.toSeconds());
        outcomes.fact("seconds", steady.toSeconds());
        outcomes.fact("cartsPrepared", carts.size());
        outcomes.fact("placedNotPaid", placedNotPaid.get());
        outcomes.write();
    }
}
