package org.staypuft.runner.reboot;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.EventCodec;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.runner.config.RunnerConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls the power API of the smart proxy inside the discovery image: {@code PUT /power/reboot}, or
 * {@code PUT /power/kexec} with kernel, initram, append and extra. That proxy has a self-signed certificate, so by
 * default this client (and only this one) trusts any certificate; {@code staypuft.runner.reboot} can give a CA bundle
 * instead.
 */
@ApplicationScoped
public class DiscoveryProxyClient {

    @Inject
    RunnerConfig config;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return empty when the proxy said {@code {"result": true}}, else why not */
    public Optional<String> reboot(RequestReboot request) {
        URI uri;
        try {
            uri = powerUri(request);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.of("Rejected: " + e.getMessage());
        }
        Duration timeout = request.timeoutSeconds() > 0
                ? Duration.ofSeconds(request.timeoutSeconds())
                : config.reboot().defaultTimeout();
        HttpRequest call = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body(request))).build();
        try {
            HttpResponse<String> response = http.send(call, HttpResponse.BodyHandlers.ofString());
            return judge(uri, response);
        } catch (HttpTimeoutException e) {
            return Optional.of(uri + " did not answer within " + timeout.toSeconds() + "s");
        } catch (ConnectException e) {
            return Optional.of(uri + " unreachable: connection refused");
        } catch (IOException e) {
            return Optional.of(uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while calling " + uri);
        }
    }

    private static Optional<String> judge(URI uri, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            return Optional.of(uri + " answered " + response.statusCode() + ": " + shorten(body));
        }
        try {
            JsonNode answer = EventCodec.mapper().readTree(body);
            if (answer != null && answer.path("result").asBoolean(false)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            // fall through: not the answer we expect
        }
        return Optional.of(uri + " did not confirm the reboot: " + shorten(body));
    }

    static URI powerUri(RequestReboot request) throws URISyntaxException {
        URI base = new URI(request.proxyUrl() == null ? "" : request.proxyUrl().trim());
        if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null
                || base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("proxyUrl " + request.proxyUrl()
                    + " must be http(s)://host[:port] without user, query or fragment");
        }
        boolean kexec = request.kexecKernel() != null;
        if (kexec) {
            requireHttpUrl("kexecKernel", request.kexecKernel());
            requireHttpUrl("kexecInitram", request.kexecInitram());
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return new URI(base.getScheme(), null, base.getHost(), base.getPort(),
                path + (kexec ? "/power/kexec" : "/power/reboot"), null, null);
    }

    static String body(RequestReboot request) {
        if (request.kexecKernel() == null) {
            return "{}";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kernel", request.kexecKernel());
        body.put("initram", request.kexecInitram());
        body.put("append", request.kexecAppend() == null ? "" : request.kexecAppend());
        body.put("extra", request.kexecExtra() == null ? List.of() : request.kexecExtra());
        try {
            return EventCodec.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void requireHttpUrl(String field, String value) throws URISyntaxException {
        URI uri = new URI(value == null ? "" : value);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " " + value + " must be an http(s) URL");
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (config.reboot().trustAllCertificates()) {
                context.init(null, new TrustManager[]{new TrustAnyCertificate()}, new SecureRandom());
            } else if (config.reboot().trustedCertificates().isPresent()) {
                context.init(null, trustManagersFor(config.reboot().trustedCertificates().get()), new SecureRandom());
            } else {
                context.init(null, null, new SecureRandom());
            }
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS for the discovery proxy", e);
        }
    }

    private static TrustManager[] trustManagersFor(Path pemBundle) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pemBundle)) {
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /**
     * Accepts any server certificate and skips the host name check (an extended trust manager owns that check).
     * Used only for the discovery image's proxy, whose certificate is self-signed and unknown in advance.
     */
    private static final class TrustAnyCertificate extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
