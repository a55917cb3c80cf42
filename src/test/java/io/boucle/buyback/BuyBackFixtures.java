package io.boucle.buyback;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.NewProduct;
import io.boucle.customer.Customer;
import io.boucle.customer.Customers;
import io.boucle.customer.SignUp;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** A category with its quote grid, a new product to copy, and customers, for buy-back tests. */
public final class BuyBackFixtures {

    /** The smallest PNG header: the type check reads the first bytes only. */
    public static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
    public static final String VALID_IBAN = "FR76 3000 6000 0112 3456 7890 189";

    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    public final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    public final String category = "rachat-" + id;
    public final String newProduct = "veste-neuve-" + id;
    private final BuyBacks buyBacks;
    private final Customers customers;

    public BuyBackFixtures(Catalog catalog, BuyBacks buyBacks, Customers customers) {
        this.buyBacks = buyBacks;
        this.customers = customers;
        catalog.addCategory(category, null, 90, LocalizedText.of("Vestes", "Jackets"), LocalizedText.of("", ""));
        catalog.add(new NewProduct(newProduct, category, null, "STANDARD", LocalizedText.of("Veste neuve " + id, "New jacket " + id),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant("NEW-" + id, null, Money.euros("400.00"), 800, null)),
                List.of(), null, false, true));
        for (AgeBand band : AgeBand.values()) {
            buyBacks.setGridAmount(category, Condition.VERY_GOOD, band, Money.euros(band == AgeBand.UNDER_1_YEAR ? "90.00" : "60.00"),
                    "tests");
        }
    }

    public static int thisYear() {
        return Year.now(ZoneId.of("Europe/Paris")).getValue();
    }

    public Customer customer(String name) {
        return customers.signUp(new SignUp("seller-" + UUID.randomUUID() + "@example.org",
                name, "a-long-enough-password", false, "", Locale.FRENCH), "10.%d.%d.%d".formatted(RANDOM.nextInt(250), RANDOM.nextInt(250), 1 + RANDOM.nextInt(250)));
    }

    public NewOffer jacket() {
        return new NewOffer(category, "Filature Vercors", "Veste en laine mérinos, taille M, portée une saison.",
                Condition.VERY_GOOD, thisYear() - 2, HandOver.SHIP);
    }

    /** An offer received and given a final offer of {@code price} euros, graded GOOD. */
    public OfferView offered(Customer customer, String price) {
        OfferView offer = buyBacks.offer(customer.id(), jacket(), List.of(new Photo("veste.png", PNG)));
        buyBacks.recordReception(offer.reference(), "staff@boucle.test");
        return buyBacks.makeFinalOffer(offer.reference(), Condition.GOOD, "Un bouton remplacé.", Money.euros(price), "staff@boucle.test");
    }

    public static SellerIdentity seller() {
        return new SellerIdentity("Martin", "Camille Anne", "12 rue des Lilas, 75011 Paris", SellerIdentity.IdDocument.NATIONAL_ID_CARD,
                "X4RTBPFW4", LocalDate.of(2021, 3, 15), "Préfecture de Paris");
    }
}
