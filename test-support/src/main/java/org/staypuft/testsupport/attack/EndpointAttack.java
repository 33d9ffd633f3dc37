package org.staypuft.testsupport.attack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.staypuft.events.ApiRoles;
import org.staypuft.testsupport.StaypuftTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.jwt.build.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint attack (issue 12): reads a running service's {@code /q/openapi} and sends every operation the attack
 * classes: no token, garbage, a foreign key's signature, tampered claims, {@code alg: none}, another service's
 * audience, no audience, the wrong role; and with a valid token malformed JSON, wrong types, NUL and control
 * characters, unknown fields, an oversized body, a wrong media type, unknown ids and path tricks. Every answer must
 * be below 500 and documented for the operation (401/403 exactly for the token attacks, with the RFC 9457 problem
 * body and, for 401, a {@code WWW-Authenticate: Bearer} challenge), and the service's state
 * (the test's snapshot: row counts, topic end offsets) must be what it was. An operation of the document that the
 * corpus does not describe fails the attack, so a new endpoint cannot skip it; so does one the corpus describes
 * but the document lacks.
 */
public final class EndpointAttack {

    /** Who may call an operation. */
    public enum Access {
        /** Unauthenticated by design (hosts): only the input attacks apply. */
        PUBLIC,
        /** A JWT with role viewer or operator. */
        VIEWER,
        /** A JWT with role operator. */
        OPERATOR
    }

    /** One operation of the corpus: who may call it, values for its path parameters, a valid body. */
    public static final class Operation {

        final String method;
        final String path;
        final Access access;
        final Map<String, String> pathValues = new LinkedHashMap<>();
        String validBody;
        String credential;
        String mediaType = "application/json";

        Operation(String method, String path, Access access) {
            this.method = method;
            this.path = path;
            this.access = access;
        }

        /** A value for a path parameter that names something that exists (a token attack must not get through). */
        public Operation path(String name, String value) {
            pathValues.put(name, value);
            return this;
        }

        /** For an operation with its own credential (a registration token): sent with the input attacks. */
        public Operation credential(String bearer) {
            this.credential = bearer;
            return this;
        }

        /** The media type the operation consumes, sent with the token attacks (JSON by default). */
        public Operation mediaType(String type) {
            this.mediaType = type;
            return this;
        }

        /** A valid JSON object body; each of its fields is then sent wrong in turn. */
        public Operation body(String json) {
            this.validBody = json;
            return this;
        }

        String key() {
            return method + " " + path;
        }
    }

    /** What the attack did. */
    public record Report(int requests, Map<Integer, Integer> statuses, int serverErrors, List<String> failures) {

        @Override
        public String toString() {
            return requests + " requests, statuses " + statuses + ", " + serverErrors + " 5xx, " + failures.size()
                    + " failures";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks an operation with a request body among its documented answers. */
    private static final String HAS_BODY = "#body";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<String> PATH_TRICKS = List.of("a%00b", "a%0Ab", "%1B%5B31m", "..%2F..%2Fetc%2Fpasswd",
            "x'%20OR%20'1'%3D'1", "%FF%FE", "nonexistent-0000", "00000000-0000-0000-0000-000000000000");
    /**
     * Dot segments in a path parameter, plain and encoded ({@code %2E%2E}, {@code %2e%2e%2f}, {@code .%2E},
     * double-encoded) and with a Tomcat-style path parameter ({@code ..;/}). Vert.x would decode {@code %2E} and
     * remove dot segments before routing, landing the request on another route; the kit's {@code DotSegments} refuses
     * them (400) before routing. The answer must be one of {@link #DOT_SEGMENT_ANSWERS} (400 from that filter; 404 or
     * 405 where a trick is no dot segment, e.g. the double-encoded one, and reaches a route as a plain value; 401/403
     * from the operation reached), never a 2xx or 5xx, and nothing may change.
     */
    private static final List<String> DOT_SEGMENT_TRICKS = List.of("..", "%2E%2E", "%2e%2e%2f", ".%2E", "..;",
            "..;/x", "%252E%252E", "x/%2E%2E/%2E%2E", "%2E%2E/%2E%2E/q/openapi");
    /** What a dot-segment trick may be answered: refused, or not found/not allowed where the request landed. */
    static final Set<String> DOT_SEGMENT_ANSWERS = Set.of("400", "401", "403", "404", "405");

    private final URI base;
    private final String audience;
    private final Map<String, Operation> corpus = new LinkedHashMap<>();
    private int maxBodyBytes = 10 * 1024 * 1024;

    private EndpointAttack(URI base, String audience) {
        this.base = base;
        this.audience = audience;
    }

    /** An attack on the service at {@code base} ({@code http://localhost:PORT}) whose JWT audience is given. */
    public static EndpointAttack on(URI base, String audience) {
        return new EndpointAttack(base, audience);
    }

    /** The service's {@code quarkus.http.limits.max-body-size}: the oversized body is one byte more. */
    public EndpointAttack maxBodyBytes(int bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    public Operation operation(String method, String path, Access access) {
        Operation operation = new Operation(method.toUpperCase(Locale.ROOT), path, access);
        corpus.put(operation.key(), operation);
        return operation;
    }

    /**
     * Runs every attack on every operation, and compares {@code state} before and after.
     *
     * @return the report; the caller asserts on it ({@link #assertClean})
     */
    public Report run(Supplier<?> state) throws IOException, InterruptedException, GeneralSecurityException {
        JsonNode document = openApi();
        Map<String, Set<String>> documented = documentedResponses(document);
        List<String> failures = new ArrayList<>();
        for (String key : documented.keySet()) {
            if (!corpus.containsKey(key)) {
                failures.add(key + ": in the OpenAPI document but not in the attack corpus");
            }
        }
        for (String key : corpus.keySet()) {
            if (!documented.containsKey(key)) {
                failures.add(key + ": in the attack corpus but not in the OpenAPI document");
            }
        }
        Object before = state.get();
        Counter counter = new Counter(failures);
        Tokens tokens = new Tokens(audience);
        for (Operation operation : corpus.values()) {
            Set<String> allowed = documented.getOrDefault(operation.key(), Set.of());
            attack(operation, allowed, tokens, counter);
        }
        Object after = state.get();
        if (!before.equals(after)) {
            failures.add("the service's state changed: before " + before + ", after " + after);
        }
        return new Report(counter.requests, counter.statuses, counter.serverErrors, failures);
    }

    /** No 5xx, every status documented, nothing changed, no operation left out. */
    public static void assertClean(Report report) {
        System.out.println("Endpoint attack: " + report);
        assertThat(report.serverErrors()).as("5xx answers").isZero();
        assertThat(report.failures()).as("attack failures").isEmpty();
    }

    private void attack(Operation operation, Set<String> documented, Tokens tokens, Counter counter)
            throws IOException, InterruptedException {
        String validPath = fill(operation.path, operation.pathValues, null);
        String good = operation.access == Access.PUBLIC
                ? operation.credential
                : operation.access == Access.OPERATOR ? tokens.operator : tokens.viewer;
        String body = operation.validBody;
        boolean hasBody = body != null || documented.contains(HAS_BODY);
        if (operation.access != Access.PUBLIC) {
            for (Map.Entry<String, String> bad : tokens.invalid().entrySet()) {
                counter.expectRefusal(operation, "token " + bad.getKey(), send(operation.method, validPath,
                        bad.getValue(), hasBody ? operation.mediaType : null, bytes(body)), 401);
            }
            counter.expectRefusal(operation, "wrong role", send(operation.method, validPath, tokens.guest,
                    hasBody ? operation.mediaType : null, bytes(body)), 403);
            if (operation.access == Access.OPERATOR) {
                counter.expectRefusal(operation, "viewer on an operator operation", send(operation.method,
                        validPath, tokens.viewer, hasBody ? operation.mediaType : null, bytes(body)), 403);
            }
        }
        // Unknown ids and path tricks, in each path parameter in turn.
        for (String parameter : operation.pathValues.keySet()) {
            for (String trick : PATH_TRICKS) {
                counter.expect(operation, "path " + parameter + "=" + trick, send(operation.method,
                        fill(operation.path, operation.pathValues, Map.entry(parameter, trick)), good,
                        hasBody ? "application/json" : null, bytes(body)), documented);
            }
            for (String trick : DOT_SEGMENT_TRICKS) {
                counter.expect(operation, "dot segment " + parameter + "=" + trick, send(operation.method,
                        fill(operation.path, operation.pathValues, Map.entry(parameter, trick)), good,
                        hasBody ? "application/json" : null, bytes(body)), DOT_SEGMENT_ANSWERS);
            }
            counter.expect(operation, "path " + parameter + " of 4000 characters", send(operation.method,
                    fill(operation.path, operation.pathValues, Map.entry(parameter, "a".repeat(4000))), good,
                    hasBody ? "application/json" : null, bytes(body)), documented);
        }
        // A public prefix climbed out of with dot segments, without a token: authentication is not skipped.
        if (operation.access != Access.PUBLIC) {
            for (String prefix : List.of("/q/health/%2E%2E/%2E%2E", "/q/openapi/..;/..", "/dashboard/%2e%2e")) {
                counter.expect(operation, "public prefix " + prefix + " without a token", send(operation.method,
                        prefix + validPath, null, hasBody ? operation.mediaType : null, bytes(body)),
                        DOT_SEGMENT_ANSWERS);
            }
        }
        // A control character in a query parameter.
        counter.expect(operation, "query with NUL", send(operation.method, validPath + "?q=a%00b", good,
                hasBody ? operation.mediaType : null, bytes(body)), Set.of("400"));
        if (!hasBody) {
            return;
        }
        List<Map.Entry<String, byte[]>> bodies = new ArrayList<>();
        bodies.add(Map.entry("malformed JSON", bytes("{\"a\": ")));
        bodies.add(Map.entry("array", bytes("[]")));
        bodies.add(Map.entry("string", bytes("\"x\"")));
        bodies.add(Map.entry("number", bytes("12")));
        bodies.add(Map.entry("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe,
                '"', '}'}));
        bodies.add(Map.entry("NUL in a key", bytes("{\"a\\u0000\": 1}")));
        bodies.add(Map.entry("deep nesting", bytes("[".repeat(5000) + "]".repeat(5000))));
        bodies.add(Map.entry("huge number", bytes("{\"n\": 1" + "0".repeat(2000) + "}")));
        if (body != null) {
            bodies.addAll(mutations(body));
        }
        for (Map.Entry<String, byte[]> attack : bodies) {
            counter.expect(operation, attack.getKey(), send(operation.method, validPath, good, "application/json",
                    attack.getValue()), documented);
        }
        counter.expect(operation, "oversized body", send(operation.method, validPath, good, "application/json",
                oversized()), documented);
        counter.expect(operation, "wrong media type", send(operation.method, validPath, good, "text/csv",
                bytes("a,b\n1,2\n")), documented);
    }

    /** Each top-level field of the valid body in turn: NUL, control character, wrong type; plus an unknown field. */
    private static List<Map.Entry<String, byte[]>> mutations(String validBody) throws IOException {
        ObjectNode valid = (ObjectNode) JSON.readTree(validBody);
        List<Map.Entry<String, byte[]>> mutated = new ArrayList<>();
        for (Iterator<String> names = valid.fieldNames(); names.hasNext();) {
            String name = names.next();
            JsonNode value = valid.get(name);
            mutated.add(Map.entry(name + " with NUL", bytes(with(valid, name, JsonNodeFactory.instance
                    .textNode("a\u0000b")))));
            mutated.add(Map.entry(name + " with ESC", bytes(with(valid, name, JsonNodeFactory.instance
                    .textNode("a\u001b[2Jb")))));
            JsonNode wrong = value.isTextual()
                    ? JsonNodeFactory.instance.numberNode(5)
                    : value.isNumber()
                            ? JsonNodeFactory.instance.textNode("3")
                            : value.isBoolean()
                                    ? JsonNodeFactory.instance.textNode("true")
                                    : JsonNodeFactory.instance.textNode("x");
            mutated.add(Map.entry(name + " of the wrong type", bytes(with(valid, name, wrong))));
            if (value.isIntegralNumber()) {
                mutated.add(Map.entry(name + " fractional", bytes(with(valid, name,
                        JsonNodeFactory.instance.numberNode(1.5)))));
                mutated.add(Map.entry(name + " out of range", bytes(with(valid, name,
                        JsonNodeFactory.instance.numberNode(new java.math.BigInteger("99999999999999999999"))))));
            }
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("unknownField" + Long.toString(System.nanoTime(), 36), "x");
        mutated.add(Map.entry("unknown field", bytes(JSON.writeValueAsString(unknown))));
        return mutated;
    }

    private static String with(ObjectNode valid, String name, JsonNode value) throws IOException {
        ObjectNode copy = valid.deepCopy();
        copy.set(name, value);
        return JSON.writeValueAsString(copy);
    }

    private byte[] oversized() {
        byte[] body = new byte[maxBodyBytes + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server may hang up on an oversized body once it answered; count it as refused, not as an error.
            return null;
        }
    }

    private JsonNode openApi() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET /q/openapi").isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** "METHOD /path" -> the response codes documented for it. */
    static Map<String, Set<String>> documentedResponses(JsonNode document) {
        Map<String, Set<String>> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                Set<String> codes = new TreeSet<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
                if (op.getValue().has("requestBody")) {
                    codes.add(HAS_BODY);
                }
                operations.put(method + " " + path.getKey(), codes);
            }
        }));
        return operations;
    }

    private static String fill(String template, Map<String, String> values, Map.Entry<String, String> override) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String replacement = override != null && override.getKey().equals(value.getKey())
                    ? override.getValue()
                    : java.net.URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + value.getKey() + "}", replacement);
        }
        return path;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts answers and records what is wrong with each. */
    private static final class Counter {

        private final List<String> failures;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        int requests;
        int serverErrors;

        Counter(List<String> failures) {
            this.failures = failures;
        }

        void expect(Operation operation, String attack, HttpResponse<String> answer, Set<String> allowed) {
            requests++;
            int status = answer == null ? 0 : answer.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (answer == null) {
                if (!attack.equals("oversized body")) {
                    failures.add(operation.key() + " [" + attack + "]: the connection was closed without an answer");
                }
                return;
            }
            if (status >= 500) {
                serverErrors++;
                failures.add(operation.key() + " [" + attack + "]: " + status + " " + excerpt(answer.body()));
            } else if (status < 400) {
                failures.add(operation.key() + " [" + attack + "]: accepted with " + status + " "
                        + excerpt(answer.body()));
            } else if (!allowed.contains(Integer.toString(status))) {
                failures.add(operation.key() + " [" + attack + "]: " + status + " is not "
                        + (allowed.size() == 1 ? allowed : "documented " + allowed) + " " + excerpt(answer.body()));
            }
        }

        /**
         * A token attack: exactly {@code status}, answered with the one problem body (RFC 9457, the kit's
         * {@code ProblemBody}: {@code application/problem+json} with {@code type}, {@code title}, {@code status},
         * {@code detail}) and, for 401, a {@code WWW-Authenticate: Bearer} challenge.
         */
        void expectRefusal(Operation operation, String attack, HttpResponse<String> answer, int status) {
            expect(operation, attack, answer, Set.of(Integer.toString(status)));
            if (answer == null || answer.statusCode() != status) {
                return;
            }
            String problem = problemBodyFault(answer);
            if (problem != null) {
                failures.add(operation.key() + " [" + attack + "]: " + status + " without the problem body: " + problem
                        + " " + excerpt(answer.body()));
            }
            if (status == 401 && answer.headers().firstValue("WWW-Authenticate").filter(
                    value -> value.regionMatches(true, 0, "Bearer", 0, 6)).isEmpty()) {
                failures.add(operation.key() + " [" + attack + "]: 401 without WWW-Authenticate: Bearer");
            }
        }

        /** What is wrong with an answer's problem body, or null when it is one. */
        static String problemBodyFault(HttpResponse<String> answer) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                return "Content-Type " + (type.isEmpty() ? "missing" : type);
            }
            JsonNode body;
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException e) {
                return "unreadable JSON";
            }
            if (body == null || !body.path("type").asText().startsWith("urn:staypuft:problem:")
                    || body.path("title").asText().isEmpty() || body.path("detail").asText().isEmpty()
                    || body.path("status").asInt() != answer.statusCode()) {
                return "type, title, status or detail missing or wrong";
            }
            return null;
        }

        private static String excerpt(String body) {
            String flat = body == null ? "" : body.replaceAll("\\s+", " ");
            return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
        }
    }

    /** The bearer tokens of the attack, all for the test issuer. */
    private static final class Tokens {

        final String operator;
        final String viewer;
        final String guest;
        private final String audience;

        Tokens(String audience) {
            this.audience = audience;
            Set<String> mine = Set.of(audience);
            this.operator = StaypuftTokens.forAudiences(mine, "attacker-operator", ApiRoles.OPERATOR);
            this.viewer = StaypuftTokens.forAudiences(mine, "attacker-viewer", ApiRoles.VIEWER);
            this.guest = StaypuftTokens.forAudiences(mine, "attacker-guest", "guest");
        }

        Map<String, String> invalid() {
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("none", null);
            tokens.put("not a JWT", "not-a-jwt");
            try {
                tokens.put("forged (foreign key)", Jwt.issuer(StaypuftTokens.ISSUER).subject("mallory")
                        .groups(Set.of(ApiRoles.OPERATOR)).audience(audience).expiresIn(Duration.ofHours(1))
                        .sign(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            String[] parts = viewer.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"viewer\"", "\"operator\"").replace("attacker-viewer", "attacker-admin");
            tokens.put("tampered", parts[0] + "." + base64(payload) + "." + parts[2]);
            tokens.put("alg none", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(payload) + ".");
            String other = ApiRoles.ALL_AUDIENCES.stream().filter(a -> !a.equals(audience)).findFirst()
                    .orElseThrow();
            tokens.put("another service's audience", StaypuftTokens.forAudiences(Set.of(other), "mallory",
                    ApiRoles.OPERATOR));
            tokens.put("no audience", StaypuftTokens.withoutAudience("mallory", ApiRoles.OPERATOR));
            return tokens;
        }

        private static String base64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
