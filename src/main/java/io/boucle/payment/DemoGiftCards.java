package io.boucle.payment;

import java.time.Clock;
import java.time.Instant;

import io.boucle.shared.DemoSeeder;
import io.boucle.shared.Money;
import org.springframework.stereotype.Component;

/** Gift cards a visitor of the demo shop can pay with. */
@Component
class DemoGiftCards implements DemoSeeder {

    static final String FIFTY_EUROS = "BOUCLE-DEMO-50";
    static final String FIVE_EUROS = "BOUCLE-DEMO-5";

    private final GiftCards giftCards;
    private final Clock clock;

    DemoGiftCards(GiftCards giftCards, Clock clock) {
        this.giftCards = giftCards;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "payment-gift-cards";
    }

    @Override
    public void seed() {
        Instant now = Instant.now(clock);
        giftCards.issue(FIFTY_EUROS, Money.euros("50.00"), now);
        giftCards.issue(FIVE_EUROS, Money.euros("5.00"), now);
    }
}
