package io.boucle.invoicing;

/**
 * How an invoice was paid, with its code of the UNTDID 4461 list that EN 16931 uses (BT-81) and the
 * words the invoice prints.
 */
public enum PaymentMeans {
    /** A card payment, 3-D Secure or not. */
    CARD("48", "Carte bancaire", "Bank card"),
    /** A card payment in instalments, the merchant being paid in full by the provider. */
    CARD_INSTALMENTS("48", "Carte bancaire, paiement en plusieurs fois", "Bank card, in instalments"),
    /** A wallet or other online payment service. */
    ONLINE_PAYMENT_SERVICE("68", "Paiement en ligne", "Online payment service"),
    /** A gift card of the shop: no code of the list fits, so "mutually defined". */
    GIFT_CARD("ZZZ", "Carte cadeau", "Gift card");

    private final String code;
    private final String french;
    private final String english;

    PaymentMeans(String code, String french, String english) {
        this.code = code;
        this.french = french;
        this.english = english;
    }

    /** The UNTDID 4461 code, e.g. {@code 48} for a bank card. */
    public String code() {
        return code;
    }

    public String french() {
        return french;
    }

    public String english() {
        return english;
    }

    /** The means of an order's payment method as the order module names it ({@code card}, {@code instalments-3}…). */
    public static PaymentMeans ofOrderPaymentMethod(String method) {
        if (method == null) {
            return CARD;
        }
        if (method.startsWith("instalments")) {
            return CARD_INSTALMENTS;
        }
        return switch (method) {
            case "wallet" -> ONLINE_PAYMENT_SERVICE;
            case "giftcard" -> GIFT_CARD;
            default -> CARD;
        };
    }
}
