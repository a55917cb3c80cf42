package io.boucle.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The whole buying path through the API, one buyer per virtual user: create a cart, add a line of
 * a demo SKU, give the customer details, choose home delivery, check out with {@code tok_visa}.
 * Open model: buyers arrive at {@code bench.rate} per second (after a ramp-up of
 * {@code bench.rampSeconds} from a tenth of it) for {@code bench.seconds}. Each request is recorded,
 * and each flow as "flow" (its duration, completed when the order is placed and paid).
 */
public class BuyingFlowSimulation extends Simulation {

    private final Outcomes outcomes = new Outcomes();
    private final StoreApi store = new StoreApi(outcomes);
    private final double rate = Bench.decimal("bench.rate", 400);
    private final Duration rampUp = Bench.seconds("bench.rampSeconds", 5);
    private final Duration steady = Bench.seconds("bench.seconds", 30);
    private final AtomicLong steadyFrom = new AtomicLong();

    private final ScenarioBuilder buyers = scenario("buying flow")
            .exec(session -> {
                long now = System.currentTimeMillis();
                steadyFrom.compareAndSet(0, now + rampUp.toMillis());
                return session.set("rampUp", now < steadyFrom.get()).set("flowStart", now);
            })
            .exec(StoreApi.pickSku(Bench.skus()))
            .exec(StoreApi.whileOk(
                    store.createCart("create cart"),
                    store.addLine("add line", StoreApi.NONE),
                    store.customer("customer"),
                    store.delivery("delivery"),
                    store.checkout("checkout", StoreApi.NONE)))
            .exec(session -> {
                long now = System.currentTimeMillis();
                long start = session.getLong("flowStart");
                boolean paid = "OK".equals(session.getString("outcome")) && "PAID".equals(session.getString("orderStatus"));
                int code = session.contains("status") ? session.getInt("status") : 0;
                outcomes.record(Outcomes.stepName("flow", session), paid ? Outcomes.Kind.OK : Outcomes.Kind.ERROR, code,
                        now - start, start, now);
                return session;
            });

    {
        setUp(buyers.injectOpen(
                rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(rampUp),
                constantUsersPerSec(rate).during(steady)))
                .protocols(Bench.protocol());
    }

    @Override
    public void after() {
        outcomes.fact("rate", rate);
        outcomes.fact("rampSeconds", rampUp.toSeconds());
        outcomes.fact("seconds", steady.toSeconds());
        outcomes.write();
    }
}
