package io.boucle.buyback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.SellableVariant;
import io.boucle.customer.Customer;
import io.boucle.customer.Customers;
import io.boucle.inventory.Inventory;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.invoicing.MentionKind;
import io.boucle.messaging.MessageView;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.payment.Payments;
import io.boucle.shared.Money;
import io.boucle.tax.MarginSchemeVat;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatRegime;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A buy-back from the customer's offer to the relisted item's sale, and every refusal on the way. */
@IntegrationTest
class BuyBackIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    BuyBacks buyBacks;

    @Autowired
    Catalog catalog;

    @Autowired
    Customers customers;

    @Autowired
    Payments payments;

    @Autowired
    Inventory inventory;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Messaging messaging;

    @Autowired
    JsonMapper json;

    BuyBackFixtures fixtures;

    @BeforeEach
    void setUp() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        fixtures = new BuyBackFixtures(catalog, buyBacks, customers);
    }

    @Test
    void itemGoesFromOfferToRelistedAndItsSaleIsInvoicedUnderTheMarginScheme() {
        Customer seller = fixtures.customer("Camille Martin");

        // The offer: an indicative quote at once from the grid (very good, bought two years ago).
        OfferView offer = buyBacks.offer(seller.id(), fixtures.jacket(), List.of(new Photo("veste.png", BuyBackFixtures.PNG)));
        assertThat(offer.status()).isEqualTo(OfferStatus.AWAITING_ITEM);
        assertThat(offer.quote()).contains(Money.euros("60.00"));
        assertThat(offer.photos()).isEqualTo(1);
        assertThat(buyBacks.photo(offer.reference(), 1)).hasValueSatisfying(photo -> assertThat(photo.getKey()).isEqualTo("image/png"));
        assertThat(buyBacks.offersOf(seller.id())).extracting(OfferView::reference).containsExactly(offer.reference());

        // Received, inspected, graded and offered for.
        buyBacks.recordReception(offer.reference(), "staff@boucle.test");
        OfferView made = buyBacks.makeFinalOffer(offer.reference(), Condition.VERY_GOOD, "Petite tache sur la doublure.",
                Money.euros("100.00"), "staff@boucle.test");
        assertThat(made.status()).isEqualTo(OfferStatus.OFFER_MADE);
        assertThat(made.finalOffer()).contains(Money.euros("100.00"));

        // Accepted as store credit: a gift card with the 10 % bonus, the register line and the slip.
        OfferView accepted = buyBacks.accept(seller.id(), offer.reference(),
                new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()));
        assertThat(accepted.status()).isEqualTo(OfferStatus.ACCEPTED);
        OfferView.PayoutView payout = accepted.payout().orElseThrow();
        assertThat(payout.credited()).isEqualTo(Money.euros("110.00"));
        assertThat(payout.bonus()).isEqualTo(Money.euros("10.00"));
        assertThat(payments.giftCardBalance(payout.giftCard())).contains(Money.euros("110.00"));
        long number = accepted.registerNumber().orElseThrow();
        RegisterEntry entry = buyBacks.register(null, null).stream().filter(line -> line.number() == number).findFirst().orElseThrow();
        assertThat(entry.offerReference()).isEqualTo(offer.reference().value());
        assertThat(entry.sellerLastName()).isEqualTo("Martin");
        assertThat(entry.idDocumentNumber()).isEqualTo("X4RTBPFW4");
        assertThat(entry.idDocument()).isEqualTo("Carte nationale d'identité");
        assertThat(entry.price()).isEqualTo(Money.euros("100.00"));
        assertThat(entry.description()).contains("Filature Vercors", "mérinos", "Très bon état");
        assertThat(entry.paymentMethod()).contains("Avoir", "110,00", "10,00 € de bonus").doesNotContain(payout.giftCard());
        assertThat(buyBacks.slip(offer.reference())).hasValueSatisfying(pdf ->
                assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-"));

        // The customer was told of the offer, then sent the slip.
        List<MessageView> mails = await().atMost(Duration.ofSeconds(20)).until(() -> messaging.forReference(offer.reference().value()),
                found -> found.size() == 2);
        assertThat(mails).extracting(MessageView::template).containsExactlyInAnyOrder("buyback-offer", "buyback-accepted");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.recipient()).isEqualTo(seller.email().value()));
        MessageView offerMail = mails.stream().filter(mail -> mail.template().equals("buyback-offer")).findFirst().orElseThrow();
        assertThat(offerMail.subject()).contains(offer.reference().value());
        assertThat(offerMail.bodyText()).contains("100,00", "110,00", "/compte/rachats/" + offer.reference());
        assertThat(mails.stream().filter(mail -> mail.template().equals("buyback-accepted")).findFirst().orElseThrow().subject())
                .isEqualTo("Votre bordereau d'achat (" + offer.reference() + ")");

        // Relisted at a price near the suggestion, linked to the new product it is a copy of.
        SuggestedPrice suggested = buyBacks.suggestedPrice(offer.reference(), fixtures.newProduct);
        assertThat(suggested.reference()).isEqualTo(Money.euros("400.00"));
        assertThat(suggested.conditionFactor()).isEqualByComparingTo("0.60");
        assertThat(suggested.price().amount()).isEqualByComparingTo(new BigDecimal("400.00").multiply(new BigDecimal("0.60"))
                .multiply(SuggestedPrice.demandFactor(suggested.recentSales())).setScale(0, RoundingMode.HALF_UP));
        OfferView relisted = buyBacks.relist(offer.reference(), fixtures.newProduct, "Veste en laine mérinos – seconde main",
                Money.euros("160.00"), true, "staff@boucle.test");
        assertThat(relisted.status()).isEqualTo(OfferStatus.RELISTED);
        ProductDetails product = catalog.findBySlug(relisted.productSlug(), false).orElseThrow();
        assertThat(product.condition()).isEqualTo(Condition.VERY_GOOD);
        assertThat(product.copyOfSlug()).isEqualTo(fixtures.newProduct);
        assertThat(product.variants()).singleElement().satisfies(variant -> assertThat(variant.price()).isEqualTo(Money.euros("160.00")));
        String sku = product.variants().getFirst().sku();
        SellableVariant sellable = catalog.sellable(List.of(sku)).get(sku);
        assertThat(sellable.marginSchemePurchasePrice()).contains(Money.euros("100.00"));
        assertThat(inventory.levels(List.of(sku)).get(sku).available()).isEqualTo(1);

        // Sold through checkout; the invoice applies the margin scheme: no VAT shown, the mention, the VAT on the margin.
        JsonNode order = buy(sku, "buyer-" + fixtures.id + "@example.org");
        String orderNumber = order.get("number").asString();
        BigDecimal total = new BigDecimal(order.get("totals").get("total").get("amount").asString());
        Invoice invoice = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(orderNumber), found -> !found.isEmpty()).getFirst();
        assertThat(invoice.totals().payable().amount()).isEqualByComparingTo(total);
        Invoice.Line line = invoice.lines().stream().filter(l -> l.itemReference().filter(sku::equals).isPresent())
                .findFirst().orElseThrow();
        assertThat(line.regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
        assertThat(line.vatCategory()).isEqualTo(VatCategory.E);
        assertThat(line.totalVat().isZero()).as("no VAT shown on a margin-scheme line").isTrue();
        assertThat(line.totalInclVat()).isEqualTo(Money.euros("160.00"));
        assertThat(invoice.totals().vat().isZero()).as("no VAT shown on the invoice").isTrue();
        assertThat(invoice.mentions()).extracting(Invoice.Mention::kind).contains(MentionKind.MARGIN_SCHEME_SECOND_HAND);
        assertThat(invoice.mentions()).extracting(Invoice.Mention::text).anyMatch(text -> text.contains("Biens d'occasion"));
        VatAssessment assessment = orders.vatAssessment(new OrderNumber(orderNumber)).orElseThrow();
        MarginSchemeVat margin = assessment.marginSchemeVat().stream().filter(m -> m.purchasePrice().equals(Money.euros("100.00")))
                .findFirst().orElseThrow();
        // The selling price includes the delivery charged (Directive 2006/112/EC art. 312): the whole order here.
        assertThat(margin.sellingPrice().amount()).isEqualByComparingTo(total);
        assertThat(margin.rate().value()).isEqualByComparingTo("20");
        BigDecimal expectedVat = total.subtract(new BigDecimal("100.00")).multiply(new BigDecimal("20"))
                .divide(new BigDecimal("120"), 2, RoundingMode.HALF_UP);
        assertThat(margin.vat().amount()).isEqualByComparingTo(expectedVat);
        String pdf = new String(invoicing.pdf(invoice.number()).orElseThrow(), StandardCharsets.ISO_8859_1);
        assertThat(pdf).startsWith("%PDF-");

        // The sale counts in the category's demand.
        await().atMost(Duration.ofSeconds(20)).until(() -> buyBacks.recentSales(fixtures.category) == 1);
    }

    @Test
    void anInvalidIbanIsRefusedAndNothingChanges() {
        Customer seller = fixtures.customer("Léa Petit");
        OfferView offer = fixtures.offered(seller, "45.00");
        long entries = registerSize();

        for (String iban : List.of("FR76 3000 6000 0112 3456 7890 188", "FR76 3000 6000 0112 3456 7890", "", "XX00 1234")) {
            assertThatThrownBy(() -> buyBacks.accept(seller.id(), offer.reference(),
                    new Acceptance(PayoutMethod.BANK_TRANSFER, iban, BuyBackFixtures.seller())))
                    .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                            assertThat(refused.problems()).extracting(BuyBackRefused.Problem::field).containsExactly("iban"));
        }

        assertThat(buyBacks.find(offer.reference()).orElseThrow().status()).isEqualTo(OfferStatus.OFFER_MADE);
        assertThat(buyBacks.find(offer.reference()).orElseThrow().payout()).isEmpty();
        assertThat(registerSize()).isEqualTo(entries);
        assertThat(buyBacks.slip(offer.reference())).isEmpty();

        OfferView accepted = buyBacks.accept(seller.id(), offer.reference(),
                new Acceptance(PayoutMethod.BANK_TRANSFER, BuyBackFixtures.VALID_IBAN.toLowerCase(), BuyBackFixtures.seller()));
        OfferView.PayoutView payout = accepted.payout().orElseThrow();
        assertThat(payout.method()).isEqualTo(PayoutMethod.BANK_TRANSFER);
        assertThat(payout.credited()).as("no bonus on a transfer").isEqualTo(Money.euros("45.00"));
        assertThat(payout.status()).isEqualTo("DUE");
        assertThat(payout.ibanMasked()).isEqualTo("FR76 **** 0189");
    }

    @Test
    void anotherCustomersOfferCanBeNeitherSeenNorAnswered() {
        Customer owner = fixtures.customer("Camille Owner");
        Customer other = fixtures.customer("Sam Other");
        OfferView offer = fixtures.offered(owner, "30.00");

        assertThat(buyBacks.offerOf(other.id(), offer.reference())).isEmpty();
        assertThat(buyBacks.offersOf(other.id())).isEmpty();
        assertThatThrownBy(() -> buyBacks.accept(other.id(), offer.reference(),
                new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()))).isInstanceOf(BuyBacks.NoSuchOffer.class);
        assertThatThrownBy(() -> buyBacks.decline(other.id(), offer.reference())).isInstanceOf(BuyBacks.NoSuchOffer.class);

        OfferView unchanged = buyBacks.find(offer.reference()).orElseThrow();
        assertThat(unchanged.status()).isEqualTo(OfferStatus.OFFER_MADE);
        assertThat(unchanged.decidedAt()).isNull();
    }

    @Test
    void acceptingTwiceIsRefusedAndBuysOnce() {
        Customer seller = fixtures.customer("Noé Durand");
        OfferView offer = fixtures.offered(seller, "20.00");
        OfferView accepted = buyBacks.accept(seller.id(), offer.reference(),
                new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()));
        long entries = registerSize();

        assertThatThrownBy(() -> buyBacks.accept(seller.id(), offer.reference(),
                new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller())))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                        assertThat(refused.problems()).extracting(BuyBackRefused.Problem::code).containsExactly("status.ACCEPTED"));
        assertThatThrownBy(() -> buyBacks.decline(seller.id(), offer.reference())).isInstanceOf(BuyBackRefused.class);

        assertThat(registerSize()).isEqualTo(entries);
        OfferView after = buyBacks.find(offer.reference()).orElseThrow();
        assertThat(after.status()).isEqualTo(OfferStatus.ACCEPTED);
        assertThat(after.payout()).isEqualTo(accepted.payout());
        assertThat(jdbc.sql("SELECT count(*) FROM payment.gift_card WHERE code = :code")
                .param("code", accepted.payout().orElseThrow().giftCard().replace("-", "")).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPriceNotAboveZeroIsRefusedAndNothingChanges() {
        Customer seller = fixtures.customer("Inès Roux");
        OfferView offer = buyBacks.offer(seller.id(), fixtures.jacket(), List.of(new Photo("a.png", BuyBackFixtures.PNG)));
        buyBacks.recordReception(offer.reference(), "staff@boucle.test");

        for (String price : List.of("-5.00", "0.00", "10.001", "100000.01", "1e30")) {
            assertThatThrownBy(() -> buyBacks.makeFinalOffer(offer.reference(), Condition.GOOD, "", Money.euros(price), "staff"))
                    .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                            assertThat(refused.problems()).extracting(BuyBackRefused.Problem::field).containsExactly("price"));
        }
        assertThat(buyBacks.find(offer.reference()).orElseThrow().status()).isEqualTo(OfferStatus.RECEIVED);
        assertThat(buyBacks.find(offer.reference()).orElseThrow().finalOffer()).isEmpty();

        buyBacks.makeFinalOffer(offer.reference(), Condition.GOOD, "", Money.euros("25.00"), "staff");
        buyBacks.accept(seller.id(), offer.reference(), new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()));
        assertThatThrownBy(() -> buyBacks.relist(offer.reference(), null, "Veste", Money.euros("-40.00"), true, "staff"))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                        assertThat(refused.problems()).extracting(BuyBackRefused.Problem::field).containsExactly("price"));
        assertThat(buyBacks.find(offer.reference()).orElseThrow().status()).isEqualTo(OfferStatus.ACCEPTED);
        assertThat(catalog.findBySlug("occasion-" + offer.reference().value().toLowerCase(), true)).isEmpty();
    }

    @Test
    void anOfferWithBadInputIsRefusedNamingEveryProblemAndRecordsNothing() {
        Customer seller = fixtures.customer("Léo Bernard");
        NewOffer bad = new NewOffer("no-such-category-" + fixtures.id, " ", "short", null, BuyBackFixtures.thisYear() + 1, null);

        assertThatThrownBy(() -> buyBacks.offer(seller.id(), bad, List.of(new Photo("x.exe", "MZ not an image".getBytes()))))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused -> assertThat(refused.problems())
                        .extracting(BuyBackRefused.Problem::field)
                        .contains("category", "brand", "description", "condition", "purchaseYear", "handOver", "photos"));
        assertThatThrownBy(() -> buyBacks.offer(seller.id(), fixtures.jacket(), List.of()))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                        assertThat(refused.problems()).extracting(BuyBackRefused.Problem::code).containsExactly("photos.missing"));
        byte[] large = new byte[(int) BuyBacks.MAX_PHOTO_BYTES + 1];
        System.arraycopy(BuyBackFixtures.PNG, 0, large, 0, BuyBackFixtures.PNG.length);
        assertThatThrownBy(() -> buyBacks.offer(seller.id(), fixtures.jacket(), List.of(new Photo("big.png", large))))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused ->
                        assertThat(refused.problems()).extracting(BuyBackRefused.Problem::code).containsExactly("photos.tooLarge"));

        assertThat(buyBacks.offersOf(seller.id())).isEmpty();
    }

    @Test
    void anIncompleteIdentityIsRefusedBeforeAnythingIsWritten() {
        Customer seller = fixtures.customer("Jules Moreau");
        OfferView offer = fixtures.offered(seller, "35.00");
        SellerIdentity missing = new SellerIdentity("Moreau", " ", "3 place du Marché, Lyon", null, "", null, "Préfecture");

        assertThatThrownBy(() -> buyBacks.accept(seller.id(), offer.reference(), new Acceptance(PayoutMethod.STORE_CREDIT, null, missing)))
                .isInstanceOfSatisfying(BuyBackRefused.class, refused -> assertThat(refused.problems())
                        .extracting(BuyBackRefused.Problem::field)
                        .containsExactlyInAnyOrder("firstNames", "document", "documentNumber", "documentIssuedOn"));
        assertThat(buyBacks.find(offer.reference()).orElseThrow().status()).isEqualTo(OfferStatus.OFFER_MADE);
    }

    @Test
    void aDeclinedItemIsRecordedAsSentBack() {
        Customer seller = fixtures.customer("Rose Lambert");
        OfferView offer = fixtures.offered(seller, "15.00");

        assertThat(buyBacks.decline(seller.id(), offer.reference()).status()).isEqualTo(OfferStatus.DECLINED);
        assertThatThrownBy(() -> buyBacks.accept(seller.id(), offer.reference(),
                new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()))).isInstanceOf(BuyBackRefused.class);
        OfferView returned = buyBacks.recordReturn(offer.reference(), "staff@boucle.test");

        assertThat(returned.status()).isEqualTo(OfferStatus.RETURNED);
        assertThat(returned.returnedAt()).isNotNull();
        assertThat(returned.registerNumber()).as("nothing bought, nothing registered").isEmpty();
        assertThatThrownBy(() -> buyBacks.recordReturn(offer.reference(), "staff")).isInstanceOf(BuyBackRefused.class);
    }

    @Test
    void theRegisterIsNumberedWithoutGapsKeptAsWrittenAndExportedAsCsv() {
        Customer seller = fixtures.customer("Zoé Garnier");
        OfferView first = fixtures.offered(seller, "12.00");
        OfferView second = fixtures.offered(seller, "13.00");
        long a = buyBacks.accept(seller.id(), first.reference(), new Acceptance(PayoutMethod.STORE_CREDIT, null, BuyBackFixtures.seller()))
                .registerNumber().orElseThrow();
        long b = buyBacks.accept(seller.id(), second.reference(),
                new Acceptance(PayoutMethod.BANK_TRANSFER, BuyBackFixtures.VALID_IBAN, BuyBackFixtures.seller())).registerNumber().orElseThrow();

        assertThat(b).isGreaterThan(a);
        List<Long> numbers = buyBacks.register(null, null).stream().map(RegisterEntry::number).toList();
        assertThat(numbers).isSorted();
        assertThat(numbers.getLast() - numbers.getFirst() + 1).as("no gap").isEqualTo(numbers.size());
        assertThatThrownBy(() -> jdbc.sql("UPDATE buyback.register_entry SET price = 1 WHERE number = :n").param("n", a).update())
                .hasMessageContaining("kept as written");

        String csv = buyBacks.registerCsv(null, null);
        assertThat(csv).contains("\"" + first.reference().value() + "\"", "\"X4RTBPFW4\"", "12,00", "13,00", "Virement bancaire");
        assertThat(csv.lines().filter(lineOf -> lineOf.contains(second.reference().value())).findFirst().orElseThrow())
                .startsWith(b + ";").doesNotContain("3000 6000 0112");
    }

    private long registerSize() {
        return jdbc.sql("SELECT count(*) FROM buyback.register_entry").query(Long.class).single();
    }

    /** An order of the SKU, delivered at home in Paris, paid by card, through the store API. */
    private JsonNode buy(String sku, String email) {
        Http http = new Http(port);
        HttpResponse<String> cart = http.postJson("/api/v1/carts", "{}");
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(201);
        String cartId = json.readTree(cart.body()).get("id").asString();
        HttpResponse<String> added = http.postJson("/api/v1/carts/" + cartId + "/lines", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(sku));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        HttpResponse<String> customer = put(http, "/api/v1/carts/" + cartId + "/customer", """
                {"email": "%s", "shippingAddress": {"name": "Alex Dupont", "line1": "8 rue Oberkampf",
                 "postalCode": "75011", "city": "Paris", "country": "FR"}}
                """.formatted(email));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        HttpResponse<String> delivery = put(http, "/api/v1/carts/" + cartId + "/delivery", "{\"code\": \"home\"}");
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
        HttpResponse<String> placed = http.postJson("/api/v1/carts/" + cartId + "/checkout",
                "{\"acceptTerms\": true, \"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}}", "Idempotency-Key", "rb-" + cartId);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = json.readTree(placed.body()).get("order");
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        return order;
    }

    private static HttpResponse<String> put(Http http, String path, String body) {
        return http.send(http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
