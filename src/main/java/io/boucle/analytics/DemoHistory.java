package io.boucle.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductCard;
import io.boucle.catalog.ProductQuery;
import io.boucle.shared.DemoSeeder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Six months of made-up but plausible shop activity for the demo, the same on every fresh demo
 * (fixed seed): visits from every channel, product views, searches, carts, the checkout's steps,
 * orders and their payments (with declines, 3-D Secure challenges and retries), accepted returns
 * (about 8.5 % of orders, withdrawals and some defects, refunded for what came back) and cancellations
 * refunded in full (1.5 %), repeat customers, and marketing spend per channel. It lives in the analytics tables only (the back
 * office's order list does not show these orders). About 2.5 % of sessions convert and 70 % of
 * carts are abandoned.
 */
@Component
class DemoHistory implements DemoSeeder {

    static final long SEED = 20_261_122L;
    static final int DAYS = 182;

    private static final String[] CHANNELS = { Channel.DIRECT, Channel.ORGANIC_SEARCH, Channel.PAID_SEARCH, Channel.SOCIAL,
            Channel.PAID_SOCIAL, Channel.EMAIL, Channel.AFFILIATE, Channel.REFERRAL };
    private static final double[] CHANNEL_SHARE = { 0.20, 0.30, 0.17, 0.08, 0.11, 0.08, 0.03, 0.03 };
    /** How much more (or less) than average each channel's sessions add to the cart. */
    private static final double[] CHANNEL_INTENT = { 1.2, 1.0, 1.1, 0.6, 0.7, 1.7, 1.2, 0.9 };
    private static final String[] DECLINES = { "card_declined", "insufficient_funds", "authentication_failed", "expired_card", "cancelled" };
    private static final double[] DECLINE_SHARE = { 0.40, 0.25, 0.15, 0.08, 0.12 };
    private static final String[] SEARCHES = { "velo", "theiere", "veste cuir", "lampe", "chaussures", "sac", "montre", "tasse" };

    private final Tracking tracking;
    private final Facts facts;
    private final Rollups rollups;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoHistory(Tracking tracking, Facts facts, Rollups rollups, Catalog catalog, JdbcClient jdbc, Clock clock) {
        this.tracking = tracking;
        this.facts = facts;
        this.rollups = rollups;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "analytics";
    }

    /** After the catalog and everything else: it names the demo's products. */
    @Override
    public int order() {
        return 1_000;
    }

    @Override
    public void seed() {
        LocalDate today = Days.of(clock.instant());
        generate(today.minusDays(DAYS), today.minusDays(1), 300, SEED);
    }

    private record Product(String slug, String title, BigDecimal price, boolean secondHand) {
    }

    private record Visitor(UUID id, String firstChannel, String customer) {
    }

    /** Generates the activity of the days from {@code from} to {@code to}, about {@code sessionsPerDay} a day. */
    void generate(LocalDate from, LocalDate to, int sessionsPerDay, long seed) {
        Random random = new Random(seed);
        List<Product> products = products();
        rollups.ensurePartitions(YearMonth.from(from), YearMonth.from(to));
        List<Visitor> visitors = new ArrayList<>();
        List<Visitor> customers = new ArrayList<>();
        List<TrackedEvent> events = new ArrayList<>(Tracking.BATCH);
        int orderSeq = 0;
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        int dayIndex = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1), dayIndex++) {
            double growth = 0.75 + 0.5 * dayIndex / Math.max(1, days - 1);
            double weekday = day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.2 : day.getDayOfWeek() == DayOfWeek.SATURDAY ? 1.1 : 1.0;
            int sessions = (int) Math.round(sessionsPerDay * growth * weekday * (0.85 + 0.3 * random.nextDouble()));
            Instant dayStart = Days.start(day);
            for (int s = 0; s < sessions; s++) {
                int c = pick(random, CHANNEL_SHARE);
                Visitor visitor;
                double who = random.nextDouble();
                boolean customer = false;
                if (!customers.isEmpty() && who < 0.12) {
                    // a past customer comes back, often through the newsletter or directly
                    visitor = customers.get(random.nextInt(customers.size()));
                    customer = true;
                    c = random.nextDouble() < 0.45 ? 5 : random.nextDouble() < 0.6 ? 0 : c;
                } else if (!visitors.isEmpty() && who < 0.35) {
                    visitor = visitors.get(random.nextInt(visitors.size()));
                } else {
                    visitor = new Visitor(new UUID(random.nextLong(), random.nextLong()), CHANNELS[c], null);
                    visitors.add(visitor);
                }
                String channel = CHANNELS[c];
                UUID session = new UUID(random.nextLong(), random.nextLong());
                // busier in the day and the evening
                double hour = 7 + random.nextDouble() * 16;
                Instant at = dayStart.plusSeconds((long) (hour * 3600));
                Product landing = products.get(random.nextInt(products.size()));
                boolean landsOnProduct = random.nextDouble() < 0.4;
                String page = landsOnProduct ? "/p/" + landing.slug() : "/";
                String[] utm = utm(channel, random);
                events.add(new TrackedEvent(at, EventType.VISIT, visitor.id(), session, channel,
                        utm[0] == null ? page : page + "?utm_source=" + utm[0] + "&utm_medium=" + utm[1] + "&utm_campaign=" + utm[2],
                        referrer(channel, random), utm[0], utm[1], utm[2], null));
                at = at.plusSeconds(5 + random.nextInt(40));
                int views = landsOnProduct ? 1 : 0;
                if (random.nextDouble() < 0.62) {
                    views += 1 + random.nextInt(3);
                }
                Product chosen = landing;
                for (int v = 0; v < views; v++) {
                    chosen = v == 0 && landsOnProduct ? landing : products.get(random.nextInt(products.size()));
                    events.add(TrackedEvent.of(at, EventType.PRODUCT_VIEW, visitor.id(), session, channel, "/p/" + chosen.slug(), chosen.slug()));
                    at = at.plusSeconds(20 + random.nextInt(90));
                }
                if (random.nextDouble() < 0.15) {
                    String words = SEARCHES[random.nextInt(SEARCHES.length)];
                    events.add(TrackedEvent.of(at, EventType.SEARCH, visitor.id(), session, channel, "/recherche", words));
                    at = at.plusSeconds(10 + random.nextInt(30));
                }
                boolean addsToCart = views > 0 && random.nextDouble() < 0.10 * CHANNEL_INTENT[c] * (customer ? 1.8 : 1);
                if (addsToCart) {
                    events.add(TrackedEvent.of(at, EventType.ADD_TO_CART, visitor.id(), session, channel, "/panier/ajouter", chosen.slug()));
                    at = at.plusSeconds(5);
                    String number = null;
                    if (step(events, random, 0.86, at, EventType.CHECKOUT_CART, visitor, session, channel, "/panier")
                            && step(events, random, 0.62, at = at.plusSeconds(40), EventType.CHECKOUT_DETAILS, visitor, session, channel, "/commande/informations")
                            && step(events, random, 0.78, at = at.plusSeconds(120), EventType.CHECKOUT_CONFIRM, visitor, session, channel, "/commande/confirmation")
                            && random.nextDouble() < 0.90) {
                        number = "D" + day.getYear() + "-" + String.format("%06d", ++orderSeq);
                        at = at.plusSeconds(30);
                        events.add(TrackedEvent.of(at, EventType.ORDER_PLACED, visitor.id(), session, channel, "/commande/valider", number));
                    }
                    if (number != null && pay(random, number, at)) {
                        Visitor buyer = order(random, visitors, visitor, number, at, session, channel, products, chosen);
                        if (buyer != visitor) {
                            customers.add(buyer);
                        }
                    }
                }
                if (events.size() >= Tracking.BATCH - 20) {
                    tracking.write(events);
                    events.clear();
                }
            }
            spend(day, random);
        }
        tracking.write(events);
        rollups.refresh();
    }

    private static boolean step(List<TrackedEvent> events, Random random, double probability, Instant at, EventType type,
            Visitor visitor, UUID session, String channel, String page) {
        if (random.nextDouble() >= probability) {
            return false;
        }
        events.add(TrackedEvent.of(at, type, visitor.id(), session, channel, page, null));
        return true;
    }

    /** Payment attempts of an order: about one in eight fails, and most shoppers try again. */
    private boolean pay(Random random, String number, Instant at) {
        for (int attempt = 0; attempt < 3; attempt++) {
            double m = random.nextDouble();
            String method = m < 0.62 ? "card" : m < 0.80 ? "hosted_card" : m < 0.92 ? "wallet" : m < 0.98 ? "instalments" : "giftcard";
            boolean cardLike = method.equals("card") || method.equals("hosted_card");
            boolean challenged = cardLike && random.nextDouble() < 0.22;
            double failure = (challenged ? 0.16 : 0.09) + (method.equals("instalments") ? 0.08 : 0);
            boolean captured = random.nextDouble() >= failure;
            String decline = captured ? null : DECLINES[pick(random, DECLINE_SHARE)];
            facts.recordPayment("demo-" + number + "-" + attempt, at.plusSeconds(attempt * 60L), method, captured, decline, challenged);
            if (captured) {
                return true;
            }
            if (random.nextDouble() > 0.6) {
                return false;
            }
        }
        return false;
    }

    private Visitor order(Random random, List<Visitor> visitors, Visitor visitor, String number, Instant at, UUID session,
            String channel, List<Product> products, Product chosen) {
        Visitor buyer = visitor;
        if (buyer.customer() == null) {
            buyer = new Visitor(visitor.id(), visitor.firstChannel(), "demo-customer-" + number);
            int index = visitors.indexOf(visitor);
            if (index >= 0) {
                visitors.set(index, buyer);
            }
        }
        List<Facts.LineRecord> lines = new ArrayList<>();
        int count = random.nextDouble() < 0.7 ? 1 : 2 + random.nextInt(2);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal secondHand = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            Product product = i == 0 ? chosen : products.get(random.nextInt(products.size()));
            int quantity = product.secondHand() ? 1 : random.nextDouble() < 0.85 ? 1 : 2;
            BigDecimal lineTotal = product.price().multiply(BigDecimal.valueOf(quantity));
            lines.add(new Facts.LineRecord(product.slug(), product.title(), quantity, lineTotal, product.secondHand()));
            total = total.add(lineTotal);
            if (product.secondHand()) {
                secondHand = secondHand.add(lineTotal);
                margin = margin.add(lineTotal.multiply(new BigDecimal("0.42")).setScale(2, RoundingMode.HALF_UP));
            }
        }
        if (total.compareTo(new BigDecimal("60")) < 0) {
            total = total.add(new BigDecimal("4.90"));
        }
        BigDecimal vat = total.subtract(total.divide(new BigDecimal("1.2"), 2, RoundingMode.HALF_UP));
        Instant paidAt = at.plusSeconds(90);
        facts.recordOrder(new Facts.OrderRecord(number, paidAt, buyer.customer(), session, buyer.firstChannel(),
                channel, total, vat, secondHand, margin, lines));
        double after = random.nextDouble();
        if (after < 0.085) {
            // a return accepted some days after payment: mostly withdrawals of one line, some defects;
            // the refund is what the returned lines cost
            Facts.LineRecord returned = lines.get(random.nextInt(lines.size()));
            boolean defect = random.nextDouble() < 0.15;
            Instant accepted = paidAt.plus(java.time.Duration.ofDays((defect ? 20 : 6) + random.nextInt(14)));
            if (accepted.isBefore(clock.instant())) { // recent orders' returns have not come back yet
                facts.recordReturn("demo-return-" + number, number, defect ? "conformity" : "withdrawal", returned.quantity(), accepted);
                facts.recordRefund(number, returned.total());
            }
        } else if (after < 0.10) {
            // cancelled before shipping and refunded in full: not a return
            facts.recordRefund(number, total);
        }
        return buyer;
    }

    private void spend(LocalDate day, Random random) {
        record Budget(String channel, double perDay) {
        }
        for (Budget budget : List.of(new Budget(Channel.PAID_SEARCH, 38), new Budget(Channel.PAID_SOCIAL, 30),
                new Budget(Channel.EMAIL, 6), new Budget(Channel.AFFILIATE, 9), new Budget(Channel.SOCIAL, 4))) {
            BigDecimal amount = BigDecimal.valueOf(budget.perDay() * (0.8 + 0.4 * random.nextDouble())).setScale(2, RoundingMode.HALF_UP);
            jdbc.sql("""
                    INSERT INTO analytics.spend (day, channel, amount) VALUES (:day, :channel, :amount)
                    ON CONFLICT (day, channel) DO NOTHING
                    """).param("day", day).param("channel", budget.channel()).param("amount", amount).update();
        }
    }

    private static String[] utm(String channel, Random random) {
        return switch (channel) {
            case Channel.PAID_SEARCH -> new String[] { "google", "cpc", random.nextBoolean() ? "marque" : "occasion" };
            case Channel.PAID_SOCIAL -> new String[] { random.nextBoolean() ? "instagram" : "facebook", "paid_social", "printemps" };
            case Channel.EMAIL -> new String[] { "newsletter", "email", "hebdo" };
            case Channel.AFFILIATE -> new String[] { "partenaire", "affiliate", "cashback" };
            default -> new String[] { null, null, null };
        };
    }

    private static String referrer(String channel, Random random) {
        return switch (channel) {
            case Channel.ORGANIC_SEARCH -> random.nextDouble() < 0.85 ? "https://www.google.fr/" : "https://www.qwant.com/";
            case Channel.PAID_SEARCH -> "https://www.google.fr/";
            case Channel.SOCIAL, Channel.PAID_SOCIAL -> random.nextBoolean() ? "https://l.instagram.com/" : "https://m.facebook.com/";
            case Channel.REFERRAL -> "https://blog-deco.example/";
            default -> null;
        };
    }

    private static int pick(Random random, double[] shares) {
        double r = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            if (r < sum) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private List<Product> products() {
        List<Product> products = new ArrayList<>();
        for (ProductQuery.Kind kind : ProductQuery.Kind.values()) {
            for (ProductCard card : catalog.cards(kind, false, 40)) {
                products.add(new Product(card.slug(), card.title().fr(), card.price().amount(), card.secondHand()));
            }
        }
        if (products.isEmpty()) {
            products.add(new Product("theiere-fonte", "Théière en fonte", new BigDecimal("39.00"), false));
            products.add(new Product("veste-cuir-vintage", "Veste en cuir vintage", new BigDecimal("85.00"), true));
            products.add(new Product("tasse-gres", "Tasse en grès", new BigDecimal("14.50"), false));
        }
        products.sort(java.util.Comparator.comparing(Product::slug));
        return products;
    }
}
