package io.boucle.invoicing;

import java.util.Optional;

import io.boucle.tax.LegalMention;
import io.boucle.tax.VatCategory;

/** Why a document carries a mention: the rule that requires it. */
public enum MentionKind {
    /** An export, exempt (CGI art. 262 I); the tax module gives the wording in force. */
    EXPORT_EXEMPTION(VatCategory.G),
    /** An exempt intra-Community supply (CGI art. 262 ter I). */
    INTRA_EU_SUPPLY_EXEMPTION(VatCategory.K),
    /** The customer accounts for the VAT, "Autoliquidation" (CGI art. 283-2). */
    REVERSE_CHARGE(VatCategory.AE),
    /** Second-hand goods under the margin scheme (CGI art. 297 E). */
    MARGIN_SCHEME_SECOND_HAND(VatCategory.E),
    /** Services supplied outside the scope of EU VAT. */
    SERVICES_OUTSIDE_SCOPE(VatCategory.O),
    /**
     * "Option pour le paiement de la taxe d'après les débits": the seller pays the VAT on services when it
     * invoices them (CGI art. 269-2 c), a mention of the e-invoicing reform (décret n° 2022-1299).
     */
    VAT_ON_DEBITS(null),
    /** The payment terms and due date (EN 16931 BT-20); on invoices to businesses. */
    PAYMENT_TERMS(null),
    /** The early-payment discount, or that there is none (Code de commerce L441-9 I; e-invoice note AAB). */
    EARLY_PAYMENT_DISCOUNT(null),
    /** The late-payment penalty rate (Code de commerce L441-9 I, L441-10 II; note PMD). */
    LATE_PAYMENT_PENALTIES(null),
    /** The EUR 40 indemnity for recovery costs (Code de commerce L441-10 II, D441-5; note PMT). */
    RECOVERY_INDEMNITY(null);

    private final VatCategory vatCategory;

    MentionKind(VatCategory vatCategory) {
        this.vatCategory = vatCategory;
    }

    /** The VAT category the mention explains, for VAT mentions. */
    public Optional<VatCategory> vatCategory() {
        return Optional.ofNullable(vatCategory);
    }

    /** The kind of a mention the VAT engine asked for; a new kind there fails to compile here. */
    public static MentionKind of(LegalMention.Kind kind) {
        return switch (kind) {
            case EXPORT_EXEMPTION -> EXPORT_EXEMPTION;
            case INTRA_EU_SUPPLY_EXEMPTION -> INTRA_EU_SUPPLY_EXEMPTION;
            case REVERSE_CHARGE -> REVERSE_CHARGE;
            case MARGIN_SCHEME_SECOND_HAND -> MARGIN_SCHEME_SECOND_HAND;
            case SERVICES_OUTSIDE_SCOPE -> SERVICES_OUTSIDE_SCOPE;
        };
    }
}
