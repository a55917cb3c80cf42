package io.boucle.pricing;

/** Another promotion already has this code (codes are compared without case). */
public class DuplicatePromotionCode extends IllegalStateException {

    private final String code;

    public DuplicatePromotionCode(String code) {
        super("code: another promotion already uses the code '" + code + "'");
        this.code = code;
    }

    public String code() {
        return code;
    }
}
