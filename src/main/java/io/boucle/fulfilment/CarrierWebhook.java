package io.boucle.fulfilment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Authenticates carriers' status notifications: the header {@code X-Boucle-Signature} carries
 * {@code sha256=<hex>}, the HMAC-SHA256 of the raw body with the secret shared with the carrier
 * ({@code BOUCLE_CARRIER_WEBHOOK_SECRET}). Without a configured secret, one is drawn at start-up
 * and printed once: notifications then verify only until the next start.
 */
@Component
public class CarrierWebhook {

    public static final String HEADER = "X-Boucle-Signature";
    private static final Logger log = LoggerFactory.getLogger(CarrierWebhook.class);

    private final byte[] secret;

    CarrierWebhook(@Value("${boucle.fulfilment.carrier-webhook-secret:}") String configured) {
        String value = configured == null ? "" : configured.strip();
        if (value.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            value = HexFormat.of().formatHex(random);
            log.warn("No BOUCLE_CARRIER_WEBHOOK_SECRET set: carrier notifications are verified with a secret drawn for "
                    + "this run only: {}", value);
        } else if (value.length() < 24) {
            throw new IllegalStateException("BOUCLE_CARRIER_WEBHOOK_SECRET must be at least 24 characters long");
        }
        this.secret = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code signature} ({@code sha256=<hex>} or the bare hex) is the body's HMAC. */
    public boolean verifies(String body, String signature) {
        if (body == null || signature == null) {
            return false;
        }
        String hex = signature.strip();
        if (hex.startsWith("sha256=")) {
            hex = hex.substring("sha256=".length());
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), given);
    }

    /** The signature of a body, as carriers must send it ({@code sha256=<hex>}). */
    public String signature(String body) {
        return "sha256=" + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
