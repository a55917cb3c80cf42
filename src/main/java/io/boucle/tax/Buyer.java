package io.boucle.tax;

import java.util.Objects;

/** Who buys: a consumer, or a business with a VAT number the caller has already checked (VIES). */
public sealed interface Buyer {

    /** A private person, or anyone who gave no VAT number. */
    record Consumer() implements Buyer {
    }

    /**
     * A business with its VAT number and the caller's verdict on it. A number found invalid makes the
     * sale a consumer sale (CGI art. 262 ter I requires a valid number; Directive 2006/112/EC art. 138(1)(b)).
     * For a business outside the EU, {@code vatNumberValid} says the caller holds evidence of its
     * business status (Implementing Regulation (EU) 282/2011 art. 18(3)).
     */
    record Business(VatNumber vatNumber, boolean vatNumberValid) implements Buyer {
        public Business {
            Objects.requireNonNull(vatNumber, "vatNumber");
        }
    }

    static Buyer consumer() {
        return new Consumer();
    }

    static Buyer business(VatNumber vatNumber, boolean vatNumberValid) {
        return new Business(vatNumber, vatNumberValid);
    }

    static Buyer business(String vatNumber, boolean vatNumberValid) {
        return new Business(VatNumber.of(vatNumber), vatNumberValid);
    }
}
