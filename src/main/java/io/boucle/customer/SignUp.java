package io.boucle.customer;

import java.util.Locale;

/**
 * What a shopper gives to open an account.
 *
 * @param marketingEmails the box they ticked themselves (never ticked in advance)
 * @param consentWording  the words next to that box, as shown to them, kept with their answer
 */
public record SignUp(String email, String name, String password, boolean marketingEmails, String consentWording,
                     Locale locale) {

    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
