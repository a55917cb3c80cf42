package io.boucle.cart;

import io.boucle.shared.EmailAddress;

/**
 * Who buys and where it goes: the strict minimum to deliver and invoice.
 *
 * @param billing null when it is the shipping address
 * @param company null for a consumer
 */
public record CartCustomer(EmailAddress email, Address shipping, Address billing, Company company) {

    public CartCustomer {
        if (email == null) {
            throw new io.boucle.shared.InvalidField("email", "is required");
        }
        if (shipping == null) {
            throw new io.boucle.shared.InvalidField("shippingAddress", "is required");
        }
    }

    public Address billingAddress() {
        return billing == null ? shipping : billing;
    }
}
