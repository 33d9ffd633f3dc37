package org.staypuft.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.staypuft.events.CloudEventHeaders;

/**
 * The CloudEvents HTTP protocol binding, binary content mode, from the Kafka binding's headers: {@code ce_id} becomes
 * {@code ce-id} (every attribute, extensions included), {@code content-type} stays {@code Content-Type}; the body is
 * the record's value unchanged. Values are percent-encoded outside printable ASCII, as the binding asks.
 */
public final class CloudEventsHttp {

    private static final String KAFKA_PREFIX = "ce_";
    private static final String HTTP_PREFIX = "ce-";

    private CloudEventsHttp() {
    }

    /** The HTTP headers of an event consumed with {@code headers}. */
    public static Map<String, String> headersOf(Headers headers) {
        Map<String, String> http = new LinkedHashMap<>();
        for (Header header : headers) {
            if (header.value() == null) {
                continue;
            }
            String value = new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().startsWith(KAFKA_PREFIX)) {
                http.put(HTTP_PREFIX + header.key().substring(KAFKA_PREFIX.length()), percentEncoded(value));
            } else if (header.key().equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)) {
                http.put("Content-Type", value);
            }
        }
        http.putIfAbsent("Content-Type", CloudEventHeaders.CONTENT_TYPE_VALUE);
        return http;
    }

    static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%' && c != '"') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
