package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LegalPagesIntegrationTests {

    static final List<String> PAGES = List.of("/cgv", "/mentions-legales", "/retractation", "/confidentialite", "/faq", "/cookies");

    @LocalServerPort
    int port;

    @Autowired
    Merchant merchant;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // Every page

    @Test
    void everyLegalPageAnswersInFrenchAndInEnglishWithOneMainHeading() {
        for (String path : PAGES) {
            HttpResponse<String> french = new Http(port).get(path + "?lang=fr");
            HttpResponse<String> english = new Http(port).get(path + "?lang=en");

            assertThat(french.statusCode()).as(path).isEqualTo(200);
            assertThat(english.statusCode()).as(path).isEqualTo(200);
            assertThat(french.body()).as(path).contains("<html lang=\"fr\"");
            assertThat(english.body()).as(path).contains("<html lang=\"en\"");
            assertThat(count(french.body(), "<h1[\\s>]")).as(path + " in French").isEqualTo(1);
            assertThat(count(english.body(), "<h1[\\s>]")).as(path + " in English").isEqualTo(1);
            assertThat(heading(french.body())).as(path).isNotEqualTo(heading(english.body()));
            assertThat(french.body().substring(french.body().indexOf("</footer>"))).as(path + " ends with its footer")
                    .matches("(?s)</footer>\\s*</body>\\s*</html>\\s*");
        }
    }

    @Test
    void legalPagesHaveNoInlineStyleOrScriptTheSecurityPolicyWouldBlock() {
        for (String path : PAGES) {
            String page = http.get(path).body();
            assertThat(page).as(path).doesNotContainPattern("\\sstyle=").doesNotContain("<style").doesNotContain("<script")
                    .doesNotContainPattern("\\son[a-z]+=");
        }
    }

    @Test
    void legalPagesHaveACanonicalAddressWithLanguageAlternates() {
        String page = http.get("/cgv?lang=en").body();

        Matcher canonical = Pattern.compile("<link rel=\"canonical\" href=\"(https?://[^\"]+)\"").matcher(page);
        assertThat(canonical.find()).isTrue();
        assertThat(canonical.group(1)).endsWith("/cgv");
        assertThat(page).contains("hreflang=\"fr\" href=\"" + canonical.group(1) + "?lang=fr\"")
                .contains("hreflang=\"en\" href=\"" + canonical.group(1) + "?lang=en\"");
    }

    @Test
    void footerOfTheHomePageLinksEveryLegalPage() {
        String footer = footer(http.get("/").body());

        for (String path : PAGES) {
            assertThat(footer).as(path).contains("href=\"" + path + "\"");
        }
        assertThat(footer).contains("Conditions générales de vente").contains("Mentions légales").contains("Gestion des cookies");
    }

    @Test
    void footerOfOtherShopPagesLinksTheLegalPagesToo() {
        for (String path : List.of("/recherche?q=th%C3%A9", "/faq", "/page-qui-n-existe-pas")) {
            String footer = footer(http.get(path, "Accept", "text/html").body());
            assertThat(footer).as(path).contains("href=\"/cgv\"").contains("href=\"/mentions-legales\"").contains("href=\"/cookies\"");
        }
        assertThat(footer(http.get("/?lang=en").body())).contains("Terms and conditions of sale").contains("Legal notice")
                .contains("Cookie settings");
    }

    @Test
    void everyFieldOfTheShopFormsHasALabel() {
        for (String path : List.of("/", "/cookies", "/cgv")) {
            String page = http.get(path).body();
            List<String> fields = visibleFields(page);
            assertThat(fields).as(path).isNotEmpty();
            for (String id : fields) {
                assertThat(page).as(path + " label for " + id).contains("<label for=\"" + id + "\"");
            }
        }
    }

    // Terms of sale

    @Test
    void termsOfSaleStateTheConsumerRulesInFrench() {
        String terms = text(http.get("/cgv?lang=fr").body());

        assertThat(terms).contains("toutes taxes comprises (TTC)")
                .contains("« Commande avec obligation de paiement »")
                .contains("au plus tard trente jours après la conclusion du contrat (article L216-1")
                .contains("délai de quatorze jours pour vous rétracter").contains("lendemain de la réception des articles")
                .contains("L221-18").contains("L221-28")
                .contains("y compris les frais de livraison standard").contains("au plus tard quatorze jours après avoir été informés")
                .contains("garantie légale de conformité").contains("deux ans à compter de la délivrance")
                .contains("pour les articles de seconde main, cette présomption est de douze mois")
                .contains("article 1641 du code civil")
                .contains("médiateur de la consommation").contains(merchant.mediator().name())
                .contains("soumis au droit français");
        assertThat(terms).contains(merchant.name()).contains("SIREN 912 345 675").contains("RCS Paris 912 345 675")
                .contains(merchant.vatNumber());
    }

    @Test
    void termsOfSaleStateTheConsumerRulesInEnglish() {
        String terms = text(http.get("/cgv?lang=en").body());

        assertThat(terms).contains("including all taxes")
                .contains("\"Order with obligation to pay\"").contains("Commande avec obligation de paiement")
                .contains("no later than thirty days after the contract is concluded (article L216-1")
                .contains("You have fourteen days to withdraw").contains("the day after you, or the person you named, receive the items")
                .contains("including the standard delivery cost")
                .contains("legal guarantee of conformity").contains("for second-hand items this presumption lasts twelve months")
                .contains("article 1641 of the Civil Code")
                .contains(merchant.mediator().name())
                .contains("SIREN 912 345 675");
        assertThat(terms).doesNotContain("Conditions générales de vente</h1>");
    }

    @Test
    void termsSayWhoPaysForReturnsAsTheMerchantIsSetUp() {
        String terms = text(http.get("/cgv?lang=fr").body());

        assertThat(merchant.returnCostsPaidByMerchant()).as("demo setting").isFalse();
        assertThat(terms).contains("Les frais directs de renvoi sont à votre charge.").doesNotContain("Les frais de retour sont à notre charge.");
    }

    // Legal notice

    @Test
    void legalNoticeGivesPublisherRegistrationHostAndDirectorFromTheMerchantSettings() {
        for (String language : List.of("fr", "en")) {
            String notice = text(http.get("/mentions-legales?lang=" + language).body());

            assertThat(notice).as(language).contains(merchant.name()).contains(merchant.legalForm()).contains(merchant.shareCapital())
                    .contains(merchant.address()).contains("RCS Paris 912 345 675").contains("912 345 675")
                    .contains("FR65912345675").contains(merchant.email()).contains(merchant.phone())
                    .contains(merchant.publicationDirector())
                    .contains(merchant.host().name()).contains(merchant.host().address()).contains(merchant.host().phone());
        }
    }

    // Withdrawal

    @Test
    void withdrawalPageExplainsTheRuleAndCarriesTheStandardFormToPrint() {
        HttpResponse<String> response = http.get("/retractation?lang=fr");
        String page = text(response.body());

        assertThat(page).contains("14 jours à compter de la réception").contains("lundi 16 mars 2026 inclus")
                .contains("Renoncer au contrat ici").contains("Confirmer la rétractation")
                .contains("nous vous remboursons 85 €").contains("L221-28");
        assertThat(page).contains("Formulaire de rétractation")
                .contains("(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)")
                .contains("À l'attention de " + merchant.name() + ", " + merchant.address() + ", " + merchant.email() + " :")
                .contains("Je/nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :")
                .contains("Commandé le (*)/reçu le (*) :")
                .contains("Nom du (des) consommateur(s) :")
                .contains("Adresse du (des) consommateur(s) :")
                .contains("Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) :")
                .contains("Date :")
                .contains("(*) Rayez la mention inutile.");
        assertThat(response.body()).as("printed on its own").contains("<body class=\"printable\">")
                .contains("<section class=\"withdrawal-form\"");
    }

    @Test
    void withdrawalFormInEnglishHasTheModelFormFields() {
        String page = text(http.get("/retractation?lang=en").body());

        assertThat(page).contains("Model withdrawal form")
                .contains("To " + merchant.name() + ", " + merchant.address() + ", " + merchant.email() + ":")
                .contains("I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*):")
                .contains("Ordered on (*)/received on (*):").contains("Name of consumer(s):").contains("Address of consumer(s):")
                .contains("Signature of consumer(s) (only if this form is notified on paper):").contains("Date:")
                .contains("(*) Delete as appropriate.")
                .contains("Monday 16 March 2026 inclusive").contains("we refund €85");
    }

    // Privacy

    @Test
    void privacyNoticeNamesTheControllerPurposesRetentionRightsAndTheCnil() {
        String french = text(http.get("/confidentialite?lang=fr").body());
        String english = text(http.get("/confidentialite?lang=en").body());

        assertThat(french).contains("Responsable du traitement").contains(merchant.name())
                .contains("Exécution du contrat (article 6.1.b du RGPD)").contains("Obligation légale (article 6.1.c)")
                .contains("10 ans (article L123-22 du code de commerce)")
                .contains("les factures sont gardées 10 ans").contains("portabilité").contains("délai d'un mois")
                .contains("3 place de Fontenoy").contains("www.cnil.fr");
        assertThat(english).contains("Data controller").contains("10 years (article L123-22 of the French Commercial Code)")
                .contains("Complaint to the CNIL").contains("within one month");
        for (String cookie : List.of("boucle_lang", "XSRF-TOKEN", "boucle_consent", "SESSION")) {
            assertThat(french).as(cookie).contains(cookie);
            assertThat(english).as(cookie).contains(cookie);
        }
    }

    // FAQ

    @Test
    void faqAnswersTenToFifteenRealQuestionsIncludingSecondHandGrades() {
        String french = http.get("/faq?lang=fr").body();
        String english = http.get("/faq?lang=en").body();

        assertThat(count(french, "<h3>")).isBetween(10, 15);
        assertThat(count(english, "<h3>")).isEqualTo(count(french, "<h3>"));
        assertThat(text(french)).contains("Neuf avec étiquette").contains("Très bon état").contains("Bon état").contains("État correct")
                .contains("Où trouver ma facture ?").contains("Régime particulier – Biens d'occasion")
                .contains(merchant.email());
        assertThat(text(english)).contains("New with tags").contains("Very good condition").contains("Fair condition")
                .contains("How can I contact you?");
    }

    // Helpers

    static int count(String page, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(page);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String heading(String page) {
        Matcher h1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(page);
        assertThat(h1.find()).isTrue();
        return h1.group(1).strip();
    }

    static String footer(String page) {
        int start = page.indexOf("<footer");
        assertThat(start).as("a footer").isNotNegative();
        return page.substring(start, page.indexOf("</footer>", start));
    }

    /** The page's words, without tags and with the line breaks of the template folded, entities decoded. */
    static String text(String page) {
        return page.replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&")
                .replaceAll("\\s+", " ").replace(" ,", ",").replace(" .", ".");
    }

    /** Ids of the fields a visitor fills in (not hidden ones, not buttons); each must have a label. */
    static List<String> visibleFields(String page) {
        List<String> ids = new ArrayList<>();
        Matcher field = Pattern.compile("<(input|select|textarea)\\b([^>]*)>").matcher(page);
        while (field.find()) {
            String attributes = field.group(2);
            if (attributes.matches("(?s).*\\btype=\"(hidden|submit|button|reset)\".*")) {
                continue;
            }
            Matcher id = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(attributes);
            assertThat(id.find()).as("field without id: " + field.group()).isTrue();
            ids.add(id.group(1));
        }
        return ids;
    }
}
