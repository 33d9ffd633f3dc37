package org.staypuft.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.staypuft.events.ApiRoles;

/**
 * The local stack's own token issuer: a fresh RSA key pair per start, the public key handed to every service as
 * the JWT verification key, and an operator token written where the CLI looks for it. Production uses a real
 * identity provider; nothing here is meant to leave the machine.
 */
final class LocalTokens {

    static final String ISSUER = "https://staypuft.local/auth";
    private static final Duration VALIDITY = Duration.ofHours(12);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final Path publicKeyFile;

    private LocalTokens(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    static LocalTokens create(StackLayout layout) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path publicKeyFile = layout.stateDirectory().resolve("jwt-public-key.pem");
        Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return new LocalTokens(keys, publicKeyFile);
    }

    Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * An RS256 token with the given roles in the {@code groups} claim, as smallrye-jwt expects, for all four services
     * ({@code aud}: each accepts only tokens issued for it).
     */
    String mint(String subject, String... groups) throws GeneralSecurityException {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = String.format(
                "{\"iss\":\"%s\",\"sub\":\"%s\",\"upn\":\"%s\",\"aud\":[%s],\"groups\":[%s],\"iat\":%d,"
                        + "\"exp\":%d,\"jti\":\"%s\"}",
                ISSUER, subject, subject, quoted(ApiRoles.ALL_AUDIENCES.toArray(String[]::new)), quoted(groups),
                now.getEpochSecond(),
                now.plus(VALIDITY).getEpochSecond(), UUID.randomUUID());
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signature.sign());
    }

    private static String quoted(String... values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            joined.append(joined.isEmpty() ? "" : ",").append('"').append(value).append('"');
        }
        return joined.toString();
    }
}
