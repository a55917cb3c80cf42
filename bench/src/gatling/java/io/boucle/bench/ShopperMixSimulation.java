package io.boucle.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A shop's visitors, most of whom do not buy. Each visitor opens the home page, a category, searches
 * two times in five, reads one or two product pages, and one in ten buys through the API (cart, line,
 * customer, delivery, checkout with {@code tok_visa}). About five requests a visitor: visitors arrive
 * at {@code bench.rate} per second (open model, after a ramp-up of {@code bench.rampSeconds} from a
 * tenth of it) for {@code bench.seconds}. Pages are the sitemap's products and categories, read
 * from the first shop before the run. Each request is recorded under its step, pages as HTML with
 * gzip, as browsers ask. With {@code bench.baseUrls} (comma-separated), visitors are shared out
 * between several nodes.
 */
public class ShopperMixSimulation extends Simulation {

    private static final List<String> SEARCHES = List.of("velo", "chaussures", "laine+merinos", "theiere", "chausure",
            "pull+laine", "livre", "cafe+bio", "lin", "enfant");

    private final Outcomes outcomes = new Outcomes("all requests");
    private final StoreApi store = new StoreApi(outcomes);
    private final double rate = Bench.decimal("bench.rate", 400);
    private final Duration rampUp = Bench.seconds("bench.rampSeconds", 5);
    private final Duration steady = Bench.seconds("bench.seconds", 30);
    private final double buyers = Bench.decimal("bench.buyerShare", 0.10);
    private final AtomicLong steadyFrom = new AtomicLong();
    private final List<String> sitemap = sitemap(Bench.baseUrls().getFirst());
    private final List<String> products = sitemap.stream().filter(path -> path.startsWith("/p/")).toList();
    private final List<String> categories = sitemap.stream().filter(path -> path.startsWith("/c/")).toList();

    private ChainBuilder page(String name, List<String> paths) {
        return exec(session -> session.set("path", paths.get(ThreadLocalRandom.current().nextInt(paths.size()))))
                .exec(outcomes.call(name, http(name).get("#{path}").header("Accept", "text/html")
                        .header("Accept-Encoding", "gzip"), StoreApi.OK, StoreApi.NONE));
    }

    private final ScenarioBuilder visitors = scenario("shopper mix")
            .exec(session -> {
                long now = System.currentTimeMillis();
                steadyFrom.compareAndSet(0, now + rampUp.toMillis());
                return session.set("rampUp", now < steadyFrom.get());
            })
            .exec(page("home", List.of("/")))
            .exec(page("category", categories))
            .randomSwitch().on(percent(40).then(page("search", SEARCHES.stream()
                    .map(q -> "/recherche?q=" + q).toList())))
            .exec(page("product", products))
            .randomSwitch().on(percent(50).then(page("product", products)))
            .randomSwitch().on(percent(buyers * 100).then(
                    exec(StoreApi.pickSku(Bench.skus())).exec(StoreApi.whileOk(
                            store.createCart("create cart"),
                            store.addLine("add line", StoreApi.NONE),
                            store.customer("customer"),
                            store.delivery("delivery"),
                            store.checkout("checkout", StoreApi.NONE)))));

    {
        if (products.isEmpty() || categories.isEmpty()) {
            throw new IllegalStateException("the sitemap lists no product or category page");
        }
        setUp(visitors.injectOpen(
                rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(rampUp),
                constantUsersPerSec(rate).during(steady)))
                .protocols(Bench.protocol());
    }

    @Override
    public void after() {
        outcomes.fact("rate", rate);
        outcomes.fact("rampSeconds", rampUp.toSeconds());
        outcomes.fact("seconds", steady.toSeconds());
        outcomes.fact("nodes", Bench.baseUrls().size());
        outcomes.write();
    }

    /** The paths of the shop's sitemap. */
    private static List<String> sitemap(String baseUrl) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String xml = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sitemap.xml")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher loc = Pattern.compile("<loc>https?://[^/<]*(/[^<]*)</loc>").matcher(xml);
            return loc.results().map(result -> result.group(1)).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + baseUrl + "/sitemap.xml", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
