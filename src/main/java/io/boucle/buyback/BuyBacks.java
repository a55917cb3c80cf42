package io.boucle.buyback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Category;
import io.boucle.catalog.Condition;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.SellerType;
import io.boucle.customer.CustomerId;
import io.boucle.inventory.Inventory;
import io.boucle.payment.Payments;
import io.boucle.shared.Identifiers;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.shared.Page;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The buy-back facade: customers offer items and answer the final offer; staff receive, inspect,
 * make the offer, send declined items back and relist bought ones.
 * <p>
 * Every action checks everything before it writes and moves the offer with a conditional update on
 * its status, so bad input or a repeated action changes nothing and two clicks never buy twice.
 */
@Service
public class BuyBacks {

    public static final int MAX_PHOTOS = 6;
    public static final long MAX_PHOTO_BYTES = 5L * 1024 * 1024;
    public static final int MAX_BRAND = 100;
    public static final int MIN_DESCRIPTION = 10;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_NOTES = 2000;
    public static final int MAX_IDENTITY_FIELD = 200;
    static final int OLDEST_YEAR = 1900;
    /** No single item is bought or sold above this, which also keeps amounts inside their columns. */
    public static final Money MAX_AMOUNT = Money.euros("100000.00");
    /** How far back paid orders count as the demand of a category. */
    static final Duration DEMAND_WINDOW = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Inventory inventory;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BigDecimal bonusPercent;
    private final String merchantName;
    private final String merchantAddress;
    private final String merchantSiren;

    BuyBacks(JdbcClient jdbc, Catalog catalog, Inventory inventory, Payments payments, ApplicationEventPublisher events,
            Clock clock, @Value("${boucle.buyback.store-credit-bonus:10}") BigDecimal bonusPercent,
            @Value("${boucle.merchant.name}") String merchantName, @Value("${boucle.merchant.address}") String merchantAddress,
            @Value("${boucle.merchant.siren}") String merchantSiren) {
        if (bonusPercent.signum() < 0) {
            throw new IllegalArgumentException("boucle.buyback.store-credit-bonus cannot be negative");
        }
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.inventory = inventory;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.bonusPercent = bonusPercent;
        this.merchantName = merchantName;
        this.merchantAddress = merchantAddress;
        this.merchantSiren = merchantSiren;
    }

    /** The bonus added to a payout taken as store credit, in percent of the price. */
    public BigDecimal storeCreditBonusPercent() {
        return bonusPercent;
    }

    /** What a payout of {@code price} as store credit is worth, bonus included. */
    public Money withBonus(Money price) {
        return price.plus(bonus(price));
    }

    private Money bonus(Money price) {
        return price.times(bonusPercent).times(new BigDecimal("0.01")).rounded(RoundingMode.HALF_UP);
    }

    // The quote grid

    /**
     * The indicative quote for an item: the grid's amount for its category (or the nearest ancestor
     * category that has one), condition and age; empty when the grid has none.
     */
    @Transactional(readOnly = true)
    public Optional<Money> quote(String categorySlug, Condition condition, int purchaseYear) {
        AgeBand band = AgeBand.of(purchaseYear, LocalDate.ofInstant(Instant.now(clock), PurchaseSlip.FRANCE).getYear());
        for (String slug = categorySlug; slug != null; ) {
            Optional<Money> found = jdbc.sql("""
                    SELECT amount, currency FROM buyback.quote_grid
                    WHERE category_slug = :category AND condition = :condition AND age_band = :band
                    """)
                    .param("category", slug).param("condition", condition.name()).param("band", band.name())
                    .query((row, n) -> money(row, "amount")).optional();
            if (found.isPresent()) {
                return found;
            }
            slug = catalog.category(slug).map(Category::parentSlug).orElse(null);
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    public List<GridRow> grid() {
        return jdbc.sql("SELECT * FROM buyback.quote_grid ORDER BY category_slug, condition, age_band")
                .query((row, n) -> new GridRow(row.getString("category_slug"), Condition.valueOf(row.getString("condition")),
                        AgeBand.valueOf(row.getString("age_band")), money(row, "amount")))
                .list();
    }

    /** Sets one cell of the grid (adds it when new). */
    @Transactional
    public void setGridAmount(String categorySlug, Condition condition, AgeBand band, Money amount, String staff) {
        List<BuyBackRefused.Problem> problems = new ArrayList<>();
        if (categorySlug == null || catalog.category(categorySlug).isEmpty()) {
            problems.add(new BuyBackRefused.Problem("category", "category", "unknown category"));
        }
        if (condition == null || band == null) {
            problems.add(new BuyBackRefused.Problem("condition", "grid", "a condition and an age band are required"));
        }
        if (amount == null || amount.isNegative() || !amount.isRoundedToMinorUnit() || !Money.EUR.equals(amount.currency())
                || amount.isGreaterThan(MAX_AMOUNT)) {
            problems.add(new BuyBackRefused.Problem("amount", "amount", "an amount in euros and cents, not negative"));
        }
        refuseIf(problems);
        jdbc.sql("""
                INSERT INTO buyback.quote_grid (category_slug, condition, age_band, amount, currency, updated_at, updated_by)
                VALUES (:category, :condition, :band, :amount, :currency, :now, :staff)
                ON CONFLICT (category_slug, condition, age_band)
                DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at,
                              updated_by = EXCLUDED.updated_by
                """)
                .param("category", categorySlug).param("condition", condition.name()).param("band", band.name())
                .param("amount", amount.amount()).param("currency", amount.currency().getCurrencyCode())
                .param("now", Timestamp.from(Instant.now(clock))).param("staff", staff)
                .update();
    }

    // The customer

    /**
     * Records an offer with its photos and its indicative quote.
     *
     * @throws BuyBackRefused naming every problem of the input; nothing is recorded then
     */
    @Transactional
    public OfferView offer(CustomerId customer, NewOffer offer, List<Photo> photos) {
        List<BuyBackRefused.Problem> problems = new ArrayList<>();
        int currentYear = LocalDate.ofInstant(Instant.now(clock), PurchaseSlip.FRANCE).getYear();
        if (offer.categorySlug() == null || catalog.category(offer.categorySlug()).isEmpty()) {
            problems.add(new BuyBackRefused.Problem("category", "category", "choose a category"));
        }
        String brand = strip(offer.brand());
        if (brand.isEmpty() || brand.length() > MAX_BRAND) {
            problems.add(new BuyBackRefused.Problem("brand", "brand", "a brand of at most " + MAX_BRAND + " characters"));
        }
        String description = strip(offer.description());
        if (description.length() < MIN_DESCRIPTION || description.length() > MAX_DESCRIPTION) {
            problems.add(new BuyBackRefused.Problem("description", "description",
                    "a description of " + MIN_DESCRIPTION + " to " + MAX_DESCRIPTION + " characters"));
        }
        if (offer.condition() == null) {
            problems.add(new BuyBackRefused.Problem("condition", "condition", "choose a condition"));
        }
        if (offer.purchaseYear() == null || offer.purchaseYear() < OLDEST_YEAR || offer.purchaseYear() > currentYear) {
            problems.add(new BuyBackRefused.Problem("purchaseYear", "purchaseYear",
                    "a year of purchase between " + OLDEST_YEAR + " and " + currentYear));
        }
        if (offer.handOver() == null) {
            problems.add(new BuyBackRefused.Problem("handOver", "handOver", "choose how you will hand the item over"));
        }
        List<String> types = new ArrayList<>();
        List<Photo> kept = photos == null ? List.of() : photos.stream().filter(p -> p.content() != null && p.size() > 0).toList();
        if (kept.isEmpty()) {
            problems.add(new BuyBackRefused.Problem("photos", "photos.missing", "at least one photo"));
        } else if (kept.size() > MAX_PHOTOS) {
            problems.add(new BuyBackRefused.Problem("photos", "photos.tooMany", "at most " + MAX_PHOTOS + " photos"));
        }
        for (Photo photo : kept) {
            Optional<String> type = imageType(photo.content());
            if (photo.size() > MAX_PHOTO_BYTES || photo.content().length > MAX_PHOTO_BYTES) {
                problems.add(new BuyBackRefused.Problem("photos", "photos.tooLarge", "each photo at most 5 MB"));
            } else if (type.isEmpty()) {
                problems.add(new BuyBackRefused.Problem("photos", "photos.type", "photos in JPEG, PNG or WebP"));
            }
            types.add(type.orElse(null));
        }
        refuseIf(problems);

        UUID id = Identifiers.newUuid(clock);
        Instant now = Instant.now(clock);
        long sequence = jdbc.sql("SELECT nextval('buyback.offer_reference_seq')").query(Long.class).single();
        OfferReference reference = new OfferReference("RA%d-%06d".formatted(currentYear, sequence));
        Optional<Money> quote = quote(offer.categorySlug(), offer.condition(), offer.purchaseYear());
        jdbc.sql("""
                INSERT INTO buyback.offer (id, reference, customer_id, status, category_slug, brand, description,
                    declared_condition, purchase_year, quote, currency, hand_over, created_at)
                VALUES (:id, :reference, :customer, 'AWAITING_ITEM', :category, :brand, :description, :condition, :year,
                    :quote, 'EUR', :handOver, :now)
                """)
                .param("id", id).param("reference", reference.value()).param("customer", customer.value())
                .param("category", offer.categorySlug()).param("brand", brand).param("description", description)
                .param("condition", offer.condition().name()).param("year", offer.purchaseYear())
                .param("quote", quote.map(Money::amount).orElse(null)).param("handOver", offer.handOver().name())
                .param("now", Timestamp.from(now))
                .update();
        for (int i = 0; i < kept.size(); i++) {
            jdbc.sql("INSERT INTO buyback.photo (offer_id, position, content_type, content) VALUES (:offer, :position, :type, :content)")
                    .param("offer", id).param("position", i + 1).param("type", types.get(i)).param("content", kept.get(i).content())
                    .update();
        }
        return find(reference).orElseThrow();
    }

    /** The content type of an image from its first bytes: JPEG, PNG or WebP; empty for anything else. */
    static Optional<String> imageType(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of("image/jpeg");
        }
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };
        if (bytes.length >= png.length && java.util.Arrays.equals(bytes, 0, png.length, png, 0, png.length)) {
            return Optional.of("image/png");
        }
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** A customer's offers, the newest first. */
    @Transactional(readOnly = true)
    public List<OfferView> offersOf(CustomerId customer) {
        return jdbc.sql(SELECT + " WHERE o.customer_id = :customer ORDER BY o.created_at DESC, o.reference DESC LIMIT 100")
                .param("customer", customer.value()).query((row, n) -> view(row)).list();
    }

    /** One of the customer's offers; empty for an offer of someone else. */
    @Transactional(readOnly = true)
    public Optional<OfferView> offerOf(CustomerId customer, OfferReference reference) {
        return find(reference).filter(offer -> offer.customerId().equals(customer));
    }

    /**
     * The customer accepts the final offer: the item is bought. In one transaction: the offer moves to
     * ACCEPTED, the purchase is entered in the dealers' register under the next number, the payout is
     * recorded (store credit issued as a gift card at once, or a transfer due), and the purchase slip is
     * made and stored.
     *
     * @throws BuyBackRefused for someone else's offer, an offer without a final offer or already
     *                        answered, an invalid IBAN or an incomplete identity; nothing is changed then
     */
    @Transactional
    public OfferView accept(CustomerId customer, OfferReference reference, Acceptance acceptance) {
        OfferView offer = offerOf(customer, reference).orElseThrow(BuyBacks::notFound);
        List<BuyBackRefused.Problem> problems = new ArrayList<>();
        if (offer.status() != OfferStatus.OFFER_MADE) {
            throw stateRefusal(offer);
        }
        Optional<Iban> iban = Optional.empty();
        if (acceptance.payout() == null) {
            problems.add(new BuyBackRefused.Problem("payout", "payout", "choose store credit or a bank transfer"));
        } else if (acceptance.payout() == PayoutMethod.BANK_TRANSFER) {
            iban = Iban.parse(acceptance.iban());
            if (iban.isEmpty()) {
                problems.add(new BuyBackRefused.Problem("iban", "iban", "not a valid IBAN (check its length and its key)"));
            }
        }
        SellerIdentity seller = checkIdentity(acceptance.seller(), problems);
        refuseIf(problems);

        Instant now = Instant.now(clock);
        int moved = jdbc.sql("""
                UPDATE buyback.offer SET status = 'ACCEPTED', decided_at = :now
                WHERE reference = :reference AND customer_id = :customer AND status = 'OFFER_MADE'
                """)
                .param("now", Timestamp.from(now)).param("reference", reference.value()).param("customer", customer.value())
                .update();
        if (moved != 1) {
            throw stateRefusal(find(reference).orElseThrow());
        }
        UUID offerId = idOf(reference);
        Money price = offer.finalOffer().orElseThrow();
        PayoutMethod method = acceptance.payout();
        Money bonus = method == PayoutMethod.STORE_CREDIT ? bonus(price) : Money.zero(price.currency());
        Money credited = price.plus(bonus);
        String giftCard = null;
        String paymentMethod;
        if (method == PayoutMethod.STORE_CREDIT) {
            giftCard = newGiftCardCode();
            payments.issueGiftCard(giftCard, credited);
            // The card's code spends the credit: it stays in the customer's account, not in the register or the slip.
            paymentMethod = "Avoir boutique sur carte cadeau (…" + giftCard.substring(giftCard.length() - 4) + ") de "
                    + PurchaseSlip.euros(credited) + (bonus.isPositive() ? ", dont " + PurchaseSlip.euros(bonus) + " de bonus" : "");
        } else {
            paymentMethod = "Virement bancaire sur le compte " + iban.orElseThrow().masked();
        }
        jdbc.sql("""
                INSERT INTO buyback.payout (offer_id, method, price, bonus, credited, currency, gift_card, iban, status, created_at,
                    paid_at)
                VALUES (:offer, :method, :price, :bonus, :credited, :currency, :giftCard, :iban, :status, :now, :paidAt)
                """)
                .param("offer", offerId).param("method", method.name()).param("price", price.amount())
                .param("bonus", bonus.amount()).param("credited", credited.amount())
                .param("currency", price.currency().getCurrencyCode()).param("giftCard", giftCard)
                .param("iban", iban.map(Iban::value).orElse(null))
                // Store credit is paid the moment the card exists; a transfer is due until the accountant makes it.
                .param("status", method == PayoutMethod.STORE_CREDIT ? "PAID" : "DUE")
                .param("now", Timestamp.from(now)).param("paidAt", method == PayoutMethod.STORE_CREDIT ? Timestamp.from(now) : null)
                .update();

        long number = jdbc.sql("UPDATE buyback.register_counter SET last = last + 1 WHERE id = 1 RETURNING last")
                .query(Long.class).single();
        String description = registerDescription(offer);
        jdbc.sql("""
                INSERT INTO buyback.register_entry (number, entered_at, offer_id, offer_reference, description, seller_last_name,
                    seller_first_names, seller_address, id_document_kind, id_document_number, id_document_issued_on,
                    id_document_authority, price, currency, payment_method)
                VALUES (:number, :now, :offer, :reference, :description, :lastName, :firstNames, :address, :kind, :docNumber,
                    :issuedOn, :authority, :price, :currency, :paymentMethod)
                """)
                .param("number", number).param("now", Timestamp.from(now)).param("offer", offerId)
                .param("reference", reference.value()).param("description", description)
                .param("lastName", seller.lastName()).param("firstNames", seller.firstNames()).param("address", seller.address())
                .param("kind", seller.document().name()).param("docNumber", seller.documentNumber())
                .param("issuedOn", seller.documentIssuedOn()).param("authority", seller.documentAuthority())
                .param("price", price.amount()).param("currency", price.currency().getCurrencyCode())
                .param("paymentMethod", paymentMethod)
                .update();

        byte[] slip = PurchaseSlip.render(new PurchaseSlip.Content(number, reference.value(), now.atZone(PurchaseSlip.FRANCE),
                merchantName, merchantAddress, merchantSiren, seller, description,
                offer.gradedCondition().label().fr(), price, paymentMethod));
        jdbc.sql("INSERT INTO buyback.slip (offer_id, pdf, created_at) VALUES (:offer, :pdf, :now)")
                .param("offer", offerId).param("pdf", slip).param("now", Timestamp.from(now)).update();
        events.publishEvent(new BuyBackAccepted(reference, customer, price, method, number, now));
        return find(reference).orElseThrow();
    }

    /**
     * The customer declines the final offer: the item is to be sent back.
     *
     * @throws BuyBackRefused for someone else's offer or one not waiting for an answer
     */
    @Transactional
    public OfferView decline(CustomerId customer, OfferReference reference) {
        OfferView offer = offerOf(customer, reference).orElseThrow(BuyBacks::notFound);
        int moved = jdbc.sql("""
                UPDATE buyback.offer SET status = 'DECLINED', decided_at = :now
                WHERE reference = :reference AND customer_id = :customer AND status = 'OFFER_MADE'
                """)
                .param("now", Timestamp.from(Instant.now(clock))).param("reference", reference.value())
                .param("customer", customer.value()).update();
        if (moved != 1) {
            throw stateRefusal(offer);
        }
        return find(reference).orElseThrow();
    }

    /** The purchase slip of an accepted offer, as stored; empty before acceptance. */
    @Transactional(readOnly = true)
    public Optional<byte[]> slip(OfferReference reference) {
        return jdbc.sql("SELECT s.pdf FROM buyback.slip s JOIN buyback.offer o ON o.id = s.offer_id WHERE o.reference = :reference")
                .param("reference", reference.value()).query((row, n) -> row.getBytes("pdf")).optional();
    }

    /** A photo of an offer, numbered from 1: its content type and bytes. */
    @Transactional(readOnly = true)
    public Optional<Map.Entry<String, byte[]>> photo(OfferReference reference, int position) {
        return jdbc.sql("""
                SELECT p.content_type, p.content FROM buyback.photo p JOIN buyback.offer o ON o.id = p.offer_id
                WHERE o.reference = :reference AND p.position = :position
                """)
                .param("reference", reference.value()).param("position", position)
                .query((row, n) -> Map.entry(row.getString("content_type"), row.getBytes("content"))).optional();
    }

    // The staff

    @Transactional(readOnly = true)
    public Optional<OfferView> find(OfferReference reference) {
        return jdbc.sql(SELECT + " WHERE o.reference = :reference").param("reference", reference.value())
                .query((row, n) -> view(row)).optional();
    }

    /** Offers in a status, the oldest first (the queue's order). */
    @Transactional(readOnly = true)
    public Page<OfferView> queue(OfferStatus status, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM buyback.offer WHERE status = :status").param("status", status.name())
                .query(Long.class).single();
        List<OfferView> items = jdbc.sql(SELECT + " WHERE o.status = :status ORDER BY o.created_at, o.reference LIMIT :size OFFSET :offset")
                .param("status", status.name()).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> view(row)).list();
        return new Page<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public Map<OfferStatus, Long> counts() {
        Map<OfferStatus, Long> counts = new EnumMap<>(OfferStatus.class);
        for (OfferStatus status : OfferStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM buyback.offer GROUP BY status")
                .query((row, n) -> Map.entry(OfferStatus.valueOf(row.getString("status")), row.getLong("n")))
                .list().forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** The item has reached the shop (parcel or counter). */
    @Transactional
    public OfferView recordReception(OfferReference reference, String staff) {
        return move(reference, OfferStatus.AWAITING_ITEM, """
                UPDATE buyback.offer SET status = 'RECEIVED', received_at = :now, received_by = :staff
                WHERE reference = :reference AND status = 'AWAITING_ITEM'
                """, staff);
    }

    /**
     * The item inspected and graded, and the shop's final offer for it.
     *
     * @throws BuyBackRefused for a missing grade, a price not above zero, or an item not received
     */
    @Transactional
    public OfferView makeFinalOffer(OfferReference reference, Condition grade, String notes, Money price, String staff) {
        OfferView offer = find(reference).orElseThrow(BuyBacks::notFound);
        List<BuyBackRefused.Problem> problems = new ArrayList<>();
        if (grade == null) {
            problems.add(new BuyBackRefused.Problem("grade", "grade", "grade the item"));
        }
        String kept = strip(notes);
        if (kept.length() > MAX_NOTES) {
            problems.add(new BuyBackRefused.Problem("notes", "notes", "notes of at most " + MAX_NOTES + " characters"));
        }
        if (price == null || !price.isPositive() || !price.isRoundedToMinorUnit() || !Money.EUR.equals(price.currency())
                || price.isGreaterThan(MAX_AMOUNT)) {
            problems.add(new BuyBackRefused.Problem("price", "price", "a price above zero, in euros and cents"));
        }
        if (offer.status() != OfferStatus.RECEIVED) {
            throw stateRefusal(offer);
        }
        refuseIf(problems);
        Instant now = Instant.now(clock);
        int moved = jdbc.sql("""
                UPDATE buyback.offer SET status = 'OFFER_MADE', graded_condition = :grade, inspection_notes = :notes,
                    final_offer = :price, offered_at = :now, offered_by = :staff
                WHERE reference = :reference AND status = 'RECEIVED'
                """)
                .param("grade", grade.name()).param("notes", kept).param("price", price.amount())
                .param("now", Timestamp.from(now)).param("staff", staff).param("reference", reference.value())
                .update();
        if (moved != 1) {
            throw stateRefusal(find(reference).orElseThrow());
        }
        events.publishEvent(new FinalOfferMade(reference, offer.customerId(), price, now));
        return find(reference).orElseThrow();
    }

    /** A declined item has been sent back to its owner. */
    @Transactional
    public OfferView recordReturn(OfferReference reference, String staff) {
        return move(reference, OfferStatus.DECLINED, """
                UPDATE buyback.offer SET status = 'RETURNED', returned_at = :now, returned_by = :staff
                WHERE reference = :reference AND status = 'DECLINED'
                """, staff);
    }

    /** Paid orders counted for the demand of a category over the last 30 days. */
    @Transactional(readOnly = true)
    public long recentSales(String categorySlug) {
        return jdbc.sql("""
                SELECT coalesce(sum(quantity), 0) FROM buyback.category_sale
                WHERE category_slug = :category AND paid_at >= :since
                """)
                .param("category", categorySlug).param("since", Timestamp.from(Instant.now(clock).minus(DEMAND_WINDOW)))
                .query(Long.class).single();
    }

    /**
     * The price suggested for relisting a bought item (see {@link SuggestedPrice}), from the new
     * product it is a copy of when given.
     */
    @Transactional(readOnly = true)
    public SuggestedPrice suggestedPrice(OfferReference reference, String copyOfSlug) {
        OfferView offer = find(reference).orElseThrow(BuyBacks::notFound);
        Money purchase = offer.finalOffer().orElseThrow(() -> BuyBackRefused.of("status", "status.noOffer", "no final offer yet"));
        Optional<Money> newPrice = copyOf(copyOfSlug).flatMap(product -> product.variants().stream()
                .map(ProductDetails.Variant::price).min(Money::compareTo));
        return SuggestedPrice.of(newPrice, offer.gradedCondition(), purchase, recentSales(offer.categorySlug()));
    }

    private Optional<ProductDetails> copyOf(String slug) {
        return slug == null || slug.isBlank() ? Optional.empty()
                : catalog.findBySlug(slug.strip(), true).filter(product -> product.condition() == null);
    }

    /**
     * Puts a bought item in the catalog as a unique second-hand product: one SKU (the offer's reference),
     * one unit in stock, its grade and the inspection notes as defects, the final offer as its purchase
     * price from a private seller (so its sale is taxed on the margin), linked to the new product it is a
     * copy of when given. It is published at once or left as a draft for the products page.
     *
     * @throws BuyBackRefused for a price not above zero, an unknown new product, a missing title or an
     *                        offer not accepted
     */
    @Transactional
    public OfferView relist(OfferReference reference, String copyOfSlug, String title, Money price, boolean publish,
            String staff) {
        OfferView offer = find(reference).orElseThrow(BuyBacks::notFound);
        List<BuyBackRefused.Problem> problems = new ArrayList<>();
        Optional<ProductDetails> copy = copyOf(copyOfSlug);
        if (copyOfSlug != null && !copyOfSlug.isBlank() && copy.isEmpty()) {
            problems.add(new BuyBackRefused.Problem("copyOf", "copyOf", "no new product at that address"));
        }
        String name = strip(title);
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new BuyBackRefused.Problem("title", "title", "a title of at most 200 characters"));
        }
        if (price == null || !price.isPositive() || !price.isRoundedToMinorUnit() || !Money.EUR.equals(price.currency())
                || price.isGreaterThan(MAX_AMOUNT)) {
            problems.add(new BuyBackRefused.Problem("price", "price", "a price above zero, in euros and cents"));
        }
        if (offer.status() != OfferStatus.ACCEPTED) {
            throw stateRefusal(offer);
        }
        refuseIf(problems);
        Instant now = Instant.now(clock);
        int moved = jdbc.sql("""
                UPDATE buyback.offer SET status = 'RELISTED', relisted_at = :now, relisted_by = :staff
                WHERE reference = :reference AND status = 'ACCEPTED'
                """)
                .param("now", Timestamp.from(now)).param("staff", staff).param("reference", reference.value()).update();
        if (moved != 1) {
            throw stateRefusal(find(reference).orElseThrow());
        }
        String sku = reference.value();
        String slug = "occasion-" + reference.value().toLowerCase(Locale.ROOT);
        Integer weight = copy.flatMap(product -> product.variants().stream().map(ProductDetails.Variant::weightGrams)
                .filter(java.util.Objects::nonNull).findFirst()).orElse(1000);
        String defects = offer.inspectionNotes() == null || offer.inspectionNotes().isBlank() ? null : offer.inspectionNotes();
        catalog.add(new NewProduct(slug, offer.categorySlug(), null, copy.map(ProductDetails::taxCategory).orElse("STANDARD"),
                LocalizedText.of(name, name), LocalizedText.of(offer.description(), offer.description()),
                List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""), price, weight, null)),
                List.of(new ProductDetails.Attribute(LocalizedText.of("Marque", "Brand"), LocalizedText.of(offer.brand(), offer.brand()))),
                new NewProduct.SecondHand(offer.gradedCondition(), defects == null ? null : LocalizedText.of(defects, defects),
                        offer.finalOffer().orElseThrow(), SellerType.PRIVATE, copy.map(ProductDetails::slug).orElse(null)),
                false, publish));
        inventory.setOnHand(sku, 1, "Rachat " + reference.value());
        jdbc.sql("UPDATE buyback.offer SET product_slug = :slug WHERE reference = :reference")
                .param("slug", slug).param("reference", reference.value()).update();
        events.publishEvent(new ItemRelisted(reference, slug, sku, now));
        return find(reference).orElseThrow();
    }

    // Transfers

    /** The bank transfers still to make, the oldest first, with the full IBAN the accountant needs. */
    @Transactional(readOnly = true)
    public List<TransferDue> transfersDue() {
        return jdbc.sql("""
                SELECT o.reference, r.seller_last_name, r.seller_first_names, p.iban, p.credited, p.currency, p.created_at
                FROM buyback.payout p
                JOIN buyback.offer o ON o.id = p.offer_id
                JOIN buyback.register_entry r ON r.offer_id = p.offer_id
                WHERE p.method = 'BANK_TRANSFER' AND p.status = 'DUE'
                ORDER BY p.created_at, o.reference
                """)
                .query((row, n) -> new TransferDue(new OfferReference(row.getString("reference")),
                        row.getString("seller_first_names") + " " + row.getString("seller_last_name"),
                        new Iban(row.getString("iban")).formatted(), money(row, "credited"),
                        row.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Records that the transfer to the seller was made.
     *
     * @throws BuyBackRefused when the offer has no transfer due (store credit, already paid, not accepted)
     */
    @Transactional
    public void recordTransferMade(OfferReference reference) {
        int paid = jdbc.sql("""
                UPDATE buyback.payout SET status = 'PAID', paid_at = :now
                WHERE offer_id = (SELECT id FROM buyback.offer WHERE reference = :reference)
                  AND method = 'BANK_TRANSFER' AND status = 'DUE'
                """)
                .param("now", Timestamp.from(Instant.now(clock))).param("reference", reference.value()).update();
        if (paid != 1) {
            throw BuyBackRefused.of("status", "status.noTransferDue", "no transfer due for " + reference);
        }
    }

    // The register

    /** The register's lines, in number order, entered between two dates (inclusive, French time); null for no bound. */
    @Transactional(readOnly = true)
    public List<RegisterEntry> register(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT * FROM buyback.register_entry
                WHERE (CAST(:from AS timestamptz) IS NULL OR entered_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR entered_at < :to)
                ORDER BY number
                """)
                .param("from", from == null ? null : Timestamp.from(from.atStartOfDay(PurchaseSlip.FRANCE).toInstant()))
                .param("to", to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(PurchaseSlip.FRANCE).toInstant()))
                .query((row, n) -> new RegisterEntry(row.getLong("number"), row.getTimestamp("entered_at").toInstant(),
                        row.getString("offer_reference"), row.getString("description"), row.getString("seller_last_name"),
                        row.getString("seller_first_names"), row.getString("seller_address"),
                        SellerIdentity.IdDocument.valueOf(row.getString("id_document_kind")).label(),
                        row.getString("id_document_number"), row.getObject("id_document_issued_on", LocalDate.class),
                        row.getString("id_document_authority"), money(row, "price"), row.getString("payment_method")))
                .list();
    }

    /** The register as CSV (RFC 4180, UTF-8, semicolons as French spreadsheets expect, decimal comma). */
    public String registerCsv(LocalDate from, LocalDate to) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(";", "Numéro", "Date", "Rachat", "Description", "Nom", "Prénoms", "Domicile",
                "Pièce d'identité", "Numéro de la pièce", "Délivrée le", "Autorité", "Prix", "Devise", "Mode de règlement"))
                .append("\r\n");
        for (RegisterEntry entry : register(from, to)) {
            csv.append(String.join(";", String.valueOf(entry.number()),
                    cell(entry.enteredAt().atZone(PurchaseSlip.FRANCE).toLocalDateTime().withNano(0).toString().replace('T', ' ')),
                    cell(entry.offerReference()), cell(entry.description()), cell(entry.sellerLastName()),
                    cell(entry.sellerFirstNames()), cell(entry.sellerAddress()), cell(entry.idDocument()),
                    cell(entry.idDocumentNumber()), entry.idDocumentIssuedOn().toString(), cell(entry.idDocumentAuthority()),
                    entry.price().amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString().replace('.', ','),
                    entry.price().currency().getCurrencyCode(), cell(entry.paymentMethod())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** A CSV cell: quoted, quotes doubled, and a leading formula character defused for spreadsheets. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    // Demand

    /** Counts a paid order's lines in their categories, once per order and SKU however often told. */
    @Transactional
    void recordSale(String orderNumber, String sku, String categorySlug, int quantity, Instant paidAt) {
        jdbc.sql("""
                INSERT INTO buyback.category_sale (order_number, sku, category_slug, quantity, paid_at)
                VALUES (:order, :sku, :category, :quantity, :paidAt) ON CONFLICT DO NOTHING
                """)
                .param("order", orderNumber).param("sku", sku).param("category", categorySlug).param("quantity", quantity)
                .param("paidAt", Timestamp.from(paidAt)).update();
    }

    // Helpers

    private static final String SELECT = """
            SELECT o.*, p.method AS payout_method, p.price AS payout_price, p.bonus AS payout_bonus,
                   p.credited AS payout_credited, p.gift_card, p.iban, p.status AS payout_status, r.number AS register_number,
                   (SELECT count(*) FROM buyback.photo ph WHERE ph.offer_id = o.id) AS photos
            FROM buyback.offer o
            LEFT JOIN buyback.payout p ON p.offer_id = o.id
            LEFT JOIN buyback.register_entry r ON r.offer_id = o.id
            """;

    private OfferView view(ResultSet row) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency").strip());
        Optional<OfferView.PayoutView> payout = Optional.empty();
        if (row.getString("payout_method") != null) {
            String iban = row.getString("iban");
            payout = Optional.of(new OfferView.PayoutView(PayoutMethod.valueOf(row.getString("payout_method")),
                    Money.of(row.getBigDecimal("payout_price"), currency), Money.of(row.getBigDecimal("payout_bonus"), currency),
                    Money.of(row.getBigDecimal("payout_credited"), currency), row.getString("gift_card"),
                    iban == null ? null : new Iban(iban).masked(), row.getString("payout_status")));
        }
        long register = row.getLong("register_number");
        Optional<Long> registerNumber = row.wasNull() ? Optional.empty() : Optional.of(register);
        BigDecimal quote = row.getBigDecimal("quote");
        BigDecimal finalOffer = row.getBigDecimal("final_offer");
        String graded = row.getString("graded_condition");
        return new OfferView(new OfferReference(row.getString("reference")), OfferStatus.valueOf(row.getString("status")),
                new CustomerId(row.getObject("customer_id", UUID.class)), row.getString("category_slug"), row.getString("brand"),
                row.getString("description"), Condition.valueOf(row.getString("declared_condition")), row.getInt("purchase_year"),
                Optional.ofNullable(quote).map(amount -> Money.of(amount, currency)), HandOver.valueOf(row.getString("hand_over")),
                instant(row, "created_at"), instant(row, "received_at"), graded == null ? null : Condition.valueOf(graded),
                row.getString("inspection_notes"), Optional.ofNullable(finalOffer).map(amount -> Money.of(amount, currency)),
                instant(row, "offered_at"), instant(row, "decided_at"), instant(row, "returned_at"), row.getString("product_slug"),
                row.getInt("photos"), payout, registerNumber);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Money money(ResultSet row, String column) throws SQLException {
        return Money.of(row.getBigDecimal(column), Currency.getInstance(row.getString("currency").strip()));
    }

    private OfferView move(OfferReference reference, OfferStatus from, String sql, String staff) {
        OfferView offer = find(reference).orElseThrow(BuyBacks::notFound);
        int moved = jdbc.sql(sql).param("now", Timestamp.from(Instant.now(clock))).param("staff", staff)
                .param("reference", reference.value()).update();
        if (moved != 1) {
            throw stateRefusal(offer);
        }
        return find(reference).orElseThrow();
    }

    private UUID idOf(OfferReference reference) {
        return jdbc.sql("SELECT id FROM buyback.offer WHERE reference = :reference").param("reference", reference.value())
                .query(UUID.class).single();
    }

    private String registerDescription(OfferView offer) {
        String category = catalog.category(offer.categorySlug()).map(c -> c.name().fr()).orElse(offer.categorySlug());
        return category + " — marque " + offer.brand() + " — " + offer.description()
                + (offer.inspectionNotes() == null || offer.inspectionNotes().isBlank() ? "" : " — constaté : " + offer.inspectionNotes())
                + " — état : " + offer.gradedCondition().label().fr();
    }

    private SellerIdentity checkIdentity(SellerIdentity seller, List<BuyBackRefused.Problem> problems) {
        if (seller == null) {
            problems.add(new BuyBackRefused.Problem("lastName", "identity", "the seller's identity is required"));
            return null;
        }
        String lastName = required(seller.lastName(), "lastName", problems);
        String firstNames = required(seller.firstNames(), "firstNames", problems);
        String address = required(seller.address(), "address", problems);
        String number = required(seller.documentNumber(), "documentNumber", problems);
        String authority = required(seller.documentAuthority(), "documentAuthority", problems);
        if (seller.document() == null) {
            problems.add(new BuyBackRefused.Problem("document", "document", "choose the kind of identity document"));
        }
        LocalDate today = LocalDate.ofInstant(Instant.now(clock), PurchaseSlip.FRANCE);
        if (seller.documentIssuedOn() == null || seller.documentIssuedOn().isAfter(today)
                || seller.documentIssuedOn().getYear() < OLDEST_YEAR) {
            problems.add(new BuyBackRefused.Problem("documentIssuedOn", "documentIssuedOn", "the date the document was issued"));
        }
        return new SellerIdentity(lastName, firstNames, address, seller.document(), number, seller.documentIssuedOn(), authority);
    }

    private static String required(String value, String field, List<BuyBackRefused.Problem> problems) {
        String kept = strip(value);
        if (kept.isEmpty() || kept.length() > MAX_IDENTITY_FIELD) {
            problems.add(new BuyBackRefused.Problem(field, field, "required, at most " + MAX_IDENTITY_FIELD + " characters"));
        }
        return kept;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static void refuseIf(List<BuyBackRefused.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new BuyBackRefused(problems);
        }
    }

    private static BuyBackRefused stateRefusal(OfferView offer) {
        return BuyBackRefused.of("status", "status." + offer.status().name(),
                "the offer " + offer.reference() + " is " + offer.status() + ": this cannot be done now");
    }

    static NoSuchOffer notFound() {
        return new NoSuchOffer();
    }

    private static String newGiftCardCode() {
        StringBuilder code = new StringBuilder("RACHAT-");
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** No such offer, or not the customer's: the same answer, so references of others cannot be probed. */
    public static class NoSuchOffer extends RuntimeException {
        NoSuchOffer() {
            super("no such buy-back offer");
        }
    }
}
