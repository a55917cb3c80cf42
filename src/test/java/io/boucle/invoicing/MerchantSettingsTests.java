package io.boucle.invoicing;

import java.util.Optional;
import java.util.function.Consumer;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerchantSettingsTests {

    /** The demo settings as a form to change one field at a time. */
    static final class Form {
        String legalName = "Boucle Démo SAS";
        String legalForm = "SAS";
        PostalAddress address = PostalAddress.of("12 rue des Artisans", null, "75011", "Paris", "FR");
        String siren = "912345675";
        String siret = "91234567500017";
        String vatNumber = "FR65912345675";
        String rcs = "RCS Paris 912 345 675";
        Optional<Money> shareCapital = Optional.of(Money.euros("10000.00"));
        int paymentTermDays = 0;
        String paymentTerms = "Payée à la commande.";
        String earlyPaymentDiscount = "Pas d'escompte pour paiement anticipé.";
        String latePaymentPenalties = "Taux de refinancement de la BCE majoré de 10 points.";
        String recoveryIndemnity = "Indemnité forfaitaire pour frais de recouvrement : 40 €.";
        String invoicePrefix = "F";
        String creditNotePrefix = "AV";

        MerchantSettings build() {
            return new MerchantSettings(legalName, legalForm, address, siren, siret, vatNumber, rcs, shareCapital, false,
                    paymentTerms, paymentTermDays, earlyPaymentDiscount, latePaymentPenalties, recoveryIndemnity,
                    invoicePrefix, creditNotePrefix);
        }
    }

    static MerchantSettings settings(Consumer<Form> change) {
        Form form = new Form();
        change.accept(form);
        return form.build();
    }

    @Test
    void demoSettingsAreValidAndGiveTheSeller() {
        MerchantSettings settings = InvoiceFixtures.demoSettings();
        Seller seller = settings.seller();
        assertThat(seller.siren()).isEqualTo(Siren.of("912345675"));
        assertThat(seller.siret().siren()).isEqualTo(seller.siren());
        assertThat(seller.vatNumber()).isEqualTo("FR65912345675");
        assertThat(seller.shareCapital()).contains(Money.euros("10000"));
        assertThat(settings.prefix(InvoiceType.INVOICE)).isEqualTo("F");
        assertThat(settings.prefix(InvoiceType.CREDIT_NOTE)).isEqualTo("AV");
    }

    @Test
    void identifiersAreKeptWithoutTheSpacesTheyAreOftenWrittenWith() {
        MerchantSettings settings = settings(form -> {
            form.siren = "912 345 675";
            form.siret = "912 345 675 00017";
            form.vatNumber = "fr 65 912 345 675";
        });
        assertThat(settings.siren()).isEqualTo("912345675");
        assertThat(settings.siret()).isEqualTo("91234567500017");
        assertThat(settings.vatNumber()).isEqualTo("FR65912345675");
    }

    @Test
    void sirenFailingTheLuhnCheckIsRefusedNamingTheField() {
        assertProblems(form -> form.siren = "912345676", "siren");
    }

    @Test
    void vatNumberMustCarryTheKeyOfTheSiren() {
        assertThatThrownBy(() -> settings(form -> form.vatNumber = "FR66912345675"))
                .isInstanceOf(InvalidMerchantSettings.class)
                .hasMessageContaining("vatNumber")
                .hasMessageContaining("FR65912345675");
    }

    @Test
    void siretMustBelongToTheSiren() {
        // 732 829 320 00074 is a valid SIRET, of another company.
        assertProblems(form -> form.siret = "73282932000074", "siret");
    }

    @Test
    void siretFailingTheLuhnCheckIsRefused() {
        assertProblems(form -> form.siret = "91234567500018", "siret");
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 61, 90 })
    void paymentTermsBeyondSixtyDaysAreRefused(int days) {
        assertProblems(form -> form.paymentTermDays = days, "paymentTermDays");
    }

    @Test
    void recoveryIndemnityMustStateTheFortyEuros() {
        assertProblems(form -> form.recoveryIndemnity = "Indemnité forfaitaire pour frais de recouvrement.", "recoveryIndemnity");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1F", "F/", "F+", "FACTURE-BOUTIQ", "F 1", "É" })
    void seriesPrefixMustKeepNumbersShortAndUrlSafe(String prefix) {
        assertProblems(form -> form.invoicePrefix = prefix, "invoicePrefix");
    }

    @Test
    void creditNotesNeedTheirOwnSeries() {
        assertProblems(form -> form.creditNotePrefix = "f", "creditNotePrefix");
    }

    @Test
    void shareCapitalIsInEurosAndNotNegative() {
        assertProblems(form -> form.shareCapital = Optional.of(Money.euros("-1")), "shareCapital");
        assertProblems(form -> form.shareCapital = Optional.of(Money.of("1000", "USD")), "shareCapital");
        assertThat(settings(form -> form.shareCapital = Optional.empty()).seller().shareCapital()).isEmpty();
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() {
        assertProblems(form -> {
            form.legalName = " ";
            form.siren = "123";
            form.vatNumber = "";
            form.rcs = null;
            form.latePaymentPenalties = "a\u0000b";
        }, "legalName", "siren", "vatNumber", "rcs", "latePaymentPenalties");
    }

    private static void assertProblems(Consumer<Form> change, String... fields) {
        assertThatThrownBy(() -> settings(change))
                .isInstanceOf(InvalidMerchantSettings.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((InvalidMerchantSettings) e).problems())
                        .extracting(InvalidMerchantSettings.Problem::field)
                        .containsExactlyInAnyOrder(fields));
    }
}
