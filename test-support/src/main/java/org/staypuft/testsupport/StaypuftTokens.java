package org.staypuft.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import org.staypuft.events.ApiRoles;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests and the local stack, signed with the test-only key pair in {@code staypuft-test-jwt/}.
 * A service accepts them with:
 *
 * <pre>
 * mp.jwt.verify.issuer=https://staypuft.test/issuer
 * mp.jwt.verify.publickey.location=staypuft-test-jwt/publicKey.pem
 * </pre>
 *
 * (or {@code mp.jwt.verify.publickey=}{@link #publicKeyPem()} for a process without this jar). Roles travel in the
 * {@code groups} claim.
 */
public final class StaypuftTokens {

    public static final String ISSUER = "https://staypuft.test/issuer";
    public static final String PUBLIC_KEY_LOCATION = "staypuft-test-jwt/publicKey.pem";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private static final String PRIVATE_KEY_LOCATION = "staypuft-test-jwt/privateKey.pem";

    private StaypuftTokens() {
    }

    public static String operator(String subject) {
        return token(subject, OPERATOR);
    }

    public static String viewer(String subject) {
        return token(subject, VIEWER);
    }

    /** A token for {@code subject} with the given roles, valid for an hour, for every service (as the CLI's). */
    public static String token(String subject, String... groups) {
        return forAudiences(Set.copyOf(ApiRoles.ALL_AUDIENCES), subject, groups);
    }

    /** A token for {@code subject} with the given roles whose {@code aud} holds {@code audiences} only. */
    public static String forAudiences(Set<String> audiences, String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(groups)).audience(audiences)
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    /** Signed with the right key, with a role, but without any {@code aud} claim. */
    public static String withoutAudience(String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1)).sign(privateKey());
    }

    /** The private key of the test pair, for tests that build their own (tampered, odd) tokens. */
    public static PrivateKey signingKey() {
        return privateKey();
    }

    /** The public key in PEM form, for {@code mp.jwt.verify.publickey}. */
    public static String publicKeyPem() {
        return resource(PUBLIC_KEY_LOCATION);
    }

    private static PrivateKey privateKey() {
        String base64 = resource(PRIVATE_KEY_LOCATION).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The test private key is unreadable", e);
        }
    }

    private static String resource(String location) {
        try (InputStream in = StaypuftTokens.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
