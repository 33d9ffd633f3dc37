package org.staypuft.webhooks.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventType;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.InputText;
import org.staypuft.kit.problem.ProblemException;

/** Creating, listing and deleting subscriptions; every refusal names its field and changes nothing. */
@ApplicationScoped
public class SubscriptionService {

    /** Not offered: raw facts of up to 1 MiB per host; host.facts-updated tells what changed. */
    static final Set<EventType> NOT_DELIVERED = Set.of(EventType.HOST_FACTS_RECORDED);
    static final int MAX_URL_LENGTH = 2048;
    static final int MIN_SECRET_LENGTH = 32;
    static final int MAX_SECRET_LENGTH = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Transactional
    public CreatedWebhook create(CreateWebhook request, String caller) {
        if (request == null) {
            throw ProblemException.invalid(null, "a JSON object with url and eventTypes is required");
        }
        List<FieldError> problems = new ArrayList<>();
        String url = checkUrl(request.url(), problems);
        List<String> types = checkEventTypes(request.eventTypes(), problems);
        String deploymentId = checkDeploymentId(request.deploymentId(), problems);
        String secret = checkSecret(request.secret(), problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid webhook", problems);
        }
        WebhookSubscription subscription = WebhookSubscription.create(url, types, deploymentId,
                secret == null ? generatedSecret() : secret, request.enabled() == null || request.enabled(), caller,
                OffsetDateTime.now(ZoneOffset.UTC));
        subscription.persist();
        return CreatedWebhook.of(subscription);
    }

    public List<WebhookView> list() {
        return WebhookSubscription.<WebhookSubscription>listAll().stream()
                .sorted((a, b) -> b.createdAt.compareTo(a.createdAt)).map(WebhookView::of).toList();
    }

    public WebhookView get(String id) {
        return WebhookView.of(find(id));
    }

    /** The subscription of that id, or a 404 naming {@code id}. */
    public WebhookSubscription find(String id) {
        return parse(id).flatMap(uuid -> WebhookSubscription.<WebhookSubscription>findByIdOptional(uuid))
                .orElseThrow(() -> ProblemException.notFound("id", "no webhook " + shorten(id)));
    }

    /** Deletes the subscription and its deliveries (pending ones are not sent). */
    @Transactional
    public void delete(String id) {
        find(id).delete();
    }

    private static String checkUrl(String url, List<FieldError> problems) {
        if (url == null || url.isBlank()) {
            problems.add(new FieldError("url", "required: an http or https URL"));
            return null;
        }
        if (url.length() > MAX_URL_LENGTH) {
            problems.add(new FieldError("url", "longer than " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(new FieldError("url", "must be an http or https URL"));
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problems.add(new FieldError("url", "names no host"));
            } else if (uri.getRawUserInfo() != null) {
                problems.add(new FieldError("url", "must not carry credentials (the API would show them)"));
            } else if (uri.getRawFragment() != null) {
                problems.add(new FieldError("url", "must not have a fragment"));
            }
        } catch (URISyntaxException e) {
            problems.add(new FieldError("url", "not a URL: " + e.getReason()));
        }
        return url;
    }

    private static List<String> checkEventTypes(List<String> names, List<FieldError> problems) {
        if (names == null || names.isEmpty()) {
            problems.add(new FieldError("eventTypes", "required: at least one event type, e.g. deployment.completed"));
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<EventType> type = name == null ? Optional.empty() : typeOf(name);
            String field = "eventTypes[" + i + "]";
            if (type.isEmpty()) {
                problems.add(new FieldError(field, "not an event type of the contract: " + shorten(name)));
            } else if (NOT_DELIVERED.contains(type.get())) {
                problems.add(new FieldError(field, "not delivered by webhooks (raw facts, up to 1 MiB): "
                        + "subscribe to host.facts-updated"));
            } else {
                types.add(type.get().type());
            }
        }
        return List.copyOf(types);
    }

    /** {@code deployment.completed} or {@code org.staypuft.deployment.completed.v1}. */
    private static Optional<EventType> typeOf(String name) {
        return EventType.fromType(name)
                .or(() -> EventType.fromType(EventType.TYPE_PREFIX + name + EventType.VERSION_SUFFIX));
    }

    private static String checkDeploymentId(String deploymentId, List<FieldError> problems) {
        if (deploymentId == null) {
            return null;
        }
        if (deploymentId.isBlank() || deploymentId.length() > 128) {
            problems.add(new FieldError("deploymentId", "a deployment id of 1 to 128 characters, or absent"));
            return null;
        }
        InputText.checkName("deploymentId", deploymentId);
        return deploymentId;
    }

    private static String checkSecret(String secret, List<FieldError> problems) {
        if (secret == null) {
            return null;
        }
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH
                || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(new FieldError("secret", MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH
                    + " printable ASCII characters without spaces, or absent (one is generated)"));
        }
        return secret;
    }

    /** 32 random bytes, base64url: the key of the HMAC. */
    static String generatedSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
