package io.boucle.invoicing;

import java.time.Clock;
import java.time.Instant;

import io.boucle.shared.DemoSeeder;
import org.springframework.stereotype.Component;

/**
 * In a demo shop, accepts the fictitious demo company's settings so the demo can issue invoices at once. A
 * real shop never runs this: there, an owner must save the real settings before the first invoice.
 */
@Component
class DemoMerchant implements DemoSeeder {

    private final MerchantSettingsStore settings;
    private final Clock clock;

    DemoMerchant(MerchantSettingsStore settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "invoicing-merchant";
    }

    @Override
    public void seed() {
        settings.confirmAsTheyAre(Instant.now(clock));
    }
}
