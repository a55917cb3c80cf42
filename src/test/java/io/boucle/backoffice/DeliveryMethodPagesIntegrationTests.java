package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.DeliveryMethod;
import io.boucle.fulfilment.Parcel;
import io.boucle.fulfilment.TestDeliveryMethods;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DeliveryMethodPagesIntegrationTests {

    static final Instant TUESDAY_MORNING = Instant.parse("2026-03-03T09:00:00Z");
    static final CountryCode ICELAND = CountryCode.of(TestDeliveryMethods.COUNTRY);

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    Delivery delivery;

    @Autowired
    ApplicationContext context;

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String code = "t-" + id;
    Http http;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        http = new Http(port);
        TestDeliveryMethods.create(context, code);
    }

    @AfterEach
    void removeTestMethod() {
        TestDeliveryMethods.delete(context, code);
    }

    @Test
    void managerChangesAMethodsPricesAndTheQuotesFollow() {
        logins.signIn(http, Role.MANAGER);
        HttpResponse<String> list = http.get("/admin/delivery-methods");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Livraison à domicile", "Colissimo", "Retrait en magasin", "Essai " + code);

        HttpResponse<String> edit = http.get("/admin/delivery-methods/" + code);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"9.00\"", "value=\"14:00\"", "Transporteur d&#39;essai");

        HttpResponse<String> saved = http.postForm("/admin/delivery-methods/" + code, form(edit.body(), "7,50", "1000"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin/delivery-methods");
        assertThat(http.get("/admin/delivery-methods").body()).contains("« " + code + " » enregistré");

        DeliveryMethod method = delivery.method(code).orElseThrow();
        assertThat(method.label().fr()).isEqualTo("Essai modifié " + id);
        assertThat(method.saturdayDelivery()).isTrue();
        assertThat(method.freeAbove()).contains(Money.euros("80"));
        assertThat(method.priceBands()).hasSize(2);
        assertThat(delivery.quote(code, new Parcel(ICELAND, null, 800, Money.euros("20")), TUESDAY_MORNING))
                .hasValueSatisfying(quote -> assertThat(quote.price()).isEqualTo(Money.euros("7.50")));
    }

    @Test
    void mistakesComeBackWithMessagesAndNothingIsSaved() {
        DeliveryMethod before = delivery.method(code).orElseThrow();
        logins.signIn(http, Role.OWNER);
        String edit = http.get("/admin/delivery-methods/" + code).body();

        HttpResponse<String> answer = http.postForm("/admin/delivery-methods/" + code, form(edit, "-2", "1000"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Rien n&#39;a été enregistré", "Tranche 1 — Prix TTC : ne peut pas être négatif",
                "value=\"-2\"", "Essai modifié " + id);
        assertThat(delivery.method(code)).contains(before);

        answer = http.postForm("/admin/delivery-methods/" + code, form(edit, "4,5O", "lourd"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Tranche 1 — Poids maximum (g) : un nombre entier",
                "Tranche 1 — Prix TTC : un montant, par exemple 4,90", "value=\"lourd\"");
        assertThat(delivery.method(code)).contains(before);

        answer = http.postForm("/admin/delivery-methods/" + code, Http.form("labelFr", " ", "countries", "IS ZZ",
                "carrier", "Colis", "cutOff", "midi", "preparationDays", "1", "transitDaysMin", "3", "transitDaysMax", "2",
                "bandCountry", "IS", "bandMaxWeight", "500", "bandMinGoods", "", "bandPrice", "4,95",
                "_csrf", Http.csrfToken(edit)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("every mistake at once").contains(
                "Libellé (français) : obligatoire", "Pays desservis : code pays inconnu",
                "Heure limite de commande : une heure, par exemple 14:00",
                "Acheminement au plus tard (jours) : ne peut pas être inférieur au délai au plus tôt");
        assertThat(delivery.method(code)).contains(before);

        answer = http.postForm("/admin/delivery-methods/" + code, form(edit, "5", "5000"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Tranche 2 — ", "rangées par poids");
        assertThat(delivery.method(code)).contains(before);
    }

    @Test
    void savingWithoutCsrfTokenChangesNothing() {
        DeliveryMethod before = delivery.method(code).orElseThrow();
        logins.signIn(http, Role.OWNER);
        String edit = http.get("/admin/delivery-methods/" + code).body();

        String withoutToken = form(edit, "1", "1000").replaceAll("&_csrf=[^&]*", "");
        assertThat(http.postForm("/admin/delivery-methods/" + code, withoutToken).statusCode()).isEqualTo(403);
        assertThat(delivery.method(code)).contains(before);
    }

    @Test
    void supportStaffMayNotManageDeliveryAndUnknownMethodsAreNotFound() {
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/delivery-methods").statusCode()).isEqualTo(403);
        http = new Http(port);
        logins.signIn(http, Role.MANAGER);
        assertThat(http.get("/admin/delivery-methods/no-such-" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void thePagesFollowTheLanguage() {
        logins.signIn(http, Role.OWNER);
        assertThat(http.get("/admin/delivery-methods?lang=en").body()).contains("Delivery methods", "Home delivery");
    }

    /** The method's form with new labels, Saturdays, 80 € free, and a first band of the given price and weight then 15 € up to 5 kg. */
    private String form(String page, String firstPrice, String firstWeight) {
        return Http.form("labelFr", "Essai modifié " + id, "labelEn", "Changed test " + id, "active", "true",
                "carrier", "Transporteur d'essai", "countries", "IS", "freeAbove", "80", "cutOff", "14:00",
                "preparationDays", "1", "transitDaysMin", "1", "transitDaysMax", "2", "saturdayDelivery", "true",
                "bandCountry", "IS", "bandMaxWeight", firstWeight, "bandMinGoods", "", "bandPrice", firstPrice,
                "bandCountry", "IS", "bandMaxWeight", "5000", "bandMinGoods", "", "bandPrice", "15",
                "bandCountry", "", "bandMaxWeight", "", "bandMinGoods", "", "bandPrice", "",
                "_csrf", Http.csrfToken(page));
    }
}
