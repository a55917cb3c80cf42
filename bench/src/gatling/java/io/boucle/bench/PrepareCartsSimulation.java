package io.boucle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Not a measurement: prepares {@code bench.carts} carts ready to be ordered (a line of a demo SKU,
 * customer details, home delivery) through the store API, {@code bench.prepareUsers} at a time, and
 * writes their ids to {@code bench.cartsFile}, one a line, for {@link PlacementSimulation}.
 */
public class PrepareCartsSimulation extends Simulation {

    private final Outcomes outcomes = new Outcomes();
    private final StoreApi store = new StoreApi(outcomes);
    private final int carts = Bench.integer("bench.carts", 1000);
    private final Path file = Path.of(Bench.required("bench.cartsFile"));
    private final AtomicInteger claimed = new AtomicInteger();
    private final Queue<String> ready = new ConcurrentLinkedQueue<>();

    private final ScenarioBuilder prepare = scenario("prepare carts")
            .asLongAs(session -> claimed.getAndIncrement() < carts).on(
                    exec(session -> session.remove("cartId"))
                            .exec(StoreApi.pickSku(Bench.skus()))
                            .exec(StoreApi.whileOk(
                                    store.createCart("prepare: create cart"),
                                    store.addLine("prepare: add line", StoreApi.NONE),
                                    store.customer("prepare: customer"),
                                    store.delivery("prepare: delivery"),
                                    exec(session -> {
                                        ready.add(session.getString("cartId"));
                                        return session;
                                    }))));

    {
        setUp(prepare.injectOpen(atOnceUsers(Bench.integer("bench.prepareUsers", 24)))).protocols(Bench.protocol());
    }

    @Override
    public void after() {
        List<String> ids = new ArrayList<>(ready);
        try {
            Files.write(file, ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outcomes.fact("carts.asked", carts);
        outcomes.fact("carts.ready", ids.size());
        outcomes.write();
    }
}
