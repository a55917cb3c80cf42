package io.boucle.fulfilment;

import io.boucle.messaging.Sms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarrierWebhookTests {

    final CarrierWebhook webhook = new CarrierWebhook("a-shared-secret-of-the-carrier-0123");

    @Test
    void theSignatureIsTheHmacSha256OfTheBodyInHex() {
        // echo -n '{"a":1}' | openssl dgst -sha256 -hmac 'a-shared-secret-of-the-carrier-0123'
        String body = "{\"a\":1}";
        String signature = webhook.signature(body);
        assertThat(signature).startsWith("sha256=").hasSize("sha256=".length() + 64);
        assertThat(webhook.verifies(body, signature)).isTrue();
        assertThat(webhook.verifies(body, signature.substring("sha256=".length()).toUpperCase())).isTrue();
        assertThat(webhook.verifies(body + " ", signature)).isFalse();
        assertThat(webhook.verifies(body, new CarrierWebhook("another-secret-of-24-chars-or-more").signature(body))).isFalse();
        assertThat(webhook.verifies(body, null)).isFalse();
        assertThat(webhook.verifies(null, signature)).isFalse();
        assertThat(webhook.verifies(body, "sha256=zz")).isFalse();
    }

    @Test
    void aShortSecretIsRefusedAndNoneDrawsOne() {
        assertThatThrownBy(() -> new CarrierWebhook("short")).isInstanceOf(IllegalStateException.class);
        CarrierWebhook drawn = new CarrierWebhook("");
        assertThat(drawn.verifies("x", webhook.signature("x"))).isFalse();
        assertThat(drawn.verifies("x", drawn.signature("x"))).isTrue();
    }

    @Test
    void pickupCodesAreShortAndUnambiguous() {
        for (int i = 0; i < 200; i++) {
            assertThat(Fulfilment.newPickupCode()).hasSize(Fulfilment.PICKUP_CODE_LENGTH).doesNotContainPattern("[01OIL]");
        }
    }

    @Test
    void phoneNumbersAreKeptInInternationalForm() {
        assertThat(Sms.normalise("06 12 34 56 78")).contains("+33612345678");
        assertThat(Sms.normalise("+33 6 12 34 56 78")).contains("+33612345678");
        assertThat(Sms.normalise("0032 470 12 34 56")).contains("+32470123456");
        assertThat(Sms.normalise("12")).isEmpty();
        assertThat(Sms.normalise("appelez-moi")).isEmpty();
        assertThatThrownBy(() -> new Sms("0612", "t", java.util.Locale.FRENCH, java.util.List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trackingLinksEncodeTheNumber() {
        Carrier ups = new Carrier("ups", "UPS", "https://www.ups.com/track?loc=fr_FR&tracknum={tracking}");
        assertThat(ups.trackingUrl("1Z 999&x")).isEqualTo("https://www.ups.com/track?loc=fr_FR&tracknum=1Z+999%26x");
    }
}
