package io.boucle.buyback;

import java.text.NumberFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.boucle.customer.Customer;
import io.boucle.customer.Customers;
import io.boucle.messaging.Email;
import io.boucle.messaging.Messaging;
import io.boucle.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the customer, by email, that the final offer waits for their answer, and sends them the
 * purchase slip once they accepted it (a durable copy of what they sold, for how much). Each message
 * is sent once per offer, however often its event is delivered.
 */
@Component
class BuyBackMails {

    private final BuyBacks buyBacks;
    private final Customers customers;
    private final Messaging messaging;
    private final String publicUrl;

    BuyBackMails(BuyBacks buyBacks, Customers customers, Messaging messaging, @Value("${boucle.public-url}") String publicUrl) {
        this.buyBacks = buyBacks;
        this.customers = customers;
        this.messaging = messaging;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @ApplicationModuleListener
    void on(FinalOfferMade event) {
        customers.find(event.customerId()).ifPresent(customer -> buyBacks.find(event.reference()).ifPresent(offer -> {
            Locale locale = customer.locale();
            Map<String, Object> model = model(customer, offer);
            model.put("price", money(event.price(), locale));
            model.put("withBonus", money(buyBacks.withBonus(event.price()), locale));
            model.put("bonus", buyBacks.storeCreditBonusPercent().stripTrailingZeros().toPlainString());
            model.put("condition", offer.gradedCondition().label().in(locale));
            messaging.sendOnce(Email.of(customer.email(), "buyback-offer", locale, model)
                    .withSubjectArguments(event.reference().value())
                    .withReference(event.reference().value()), "buyback-offer:" + event.reference());
        }));
    }

    @ApplicationModuleListener
    void on(BuyBackAccepted event) {
        customers.find(event.customerId()).ifPresent(customer -> buyBacks.find(event.reference()).ifPresent(offer -> {
            Locale locale = customer.locale();
            Map<String, Object> model = model(customer, offer);
            model.put("price", money(event.price(), locale));
            model.put("registerNumber", event.registerNumber());
            Email email = Email.of(customer.email(), "buyback-accepted", locale, model)
                    .withSubjectArguments(event.reference().value())
                    .withReference(event.reference().value());
            byte[] slip = buyBacks.slip(event.reference()).orElse(null);
            if (slip != null) {
                email = email.withAttachment(new Email.Attachment("bordereau-" + event.reference() + ".pdf", "application/pdf", slip));
            }
            messaging.sendOnce(email, "buyback-accepted:" + event.reference());
        }));
    }

    private Map<String, Object> model(Customer customer, OfferView offer) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", customer.name());
        model.put("reference", offer.reference().value());
        model.put("item", offer.brand() + " — " + offer.description());
        model.put("link", publicUrl + "/compte/rachats/" + offer.reference());
        return model;
    }

    private static String money(Money amount, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance("en".equals(locale.getLanguage()) ? Locale.UK : Locale.FRANCE);
        format.setCurrency(amount.currency());
        return format.format(amount.amount());
    }
}
