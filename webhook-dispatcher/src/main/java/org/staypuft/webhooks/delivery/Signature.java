package org.staypuft.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed (docs/adr/0019-webhooks.md): {@code Staypuft-Timestamp: <unix seconds>} and
 * {@code Staypuft-Signature: sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>}, the secret's UTF-8 bytes
 * as the key. A receiver recomputes it over the raw body, compares in constant time and refuses timestamps older than
 * a few minutes (a replayed request).
 */
public final class Signature {

    public static final String SIGNATURE_HEADER = "Staypuft-Signature";
    public static final String TIMESTAMP_HEADER = "Staypuft-Timestamp";
    public static final String DELIVERY_HEADER = "Staypuft-Delivery";
    public static final String ATTEMPT_HEADER = "Staypuft-Delivery-Attempt";
    public static final String PREFIX = "sha256=";

    private Signature() {
    }

    /** The value of {@link #SIGNATURE_HEADER}. */
    public static String of(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
