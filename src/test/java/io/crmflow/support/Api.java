package io.crmflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser-like HTTP client for tests: keeps cookies, fetches and sends the CSRF token like a real client. */
public final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final int port;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrf;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /**
     * Signs up a fresh user with their own workspace and verifies their email with the link from the mail they
     * received; returns their email.
     */
    public String signUpFresh(String workspaceName) {
        String email = signUpUnverified(workspaceName);
        String token = MailServer.await(email, "Confirm your email").token("verify-email");
        var verified = post("/api/v1/auth/verify-email", Map.of("token", token));
        if (verified.status() != 204) {
            throw new IllegalStateException(
                    "verification failed: " + verified.raw().body());
        }
        return email;
    }

    /** Signs up a fresh user with their own workspace, leaving the email unverified; returns the email. */
    public String signUpUnverified(String workspaceName) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        var response = post(
                "/api/v1/auth/signup",
                Map.of(
                        "email",
                        email,
                        "password",
                        Users.PASSWORD,
                        "name",
                        "Test User",
                        "workspaceName",
                        workspaceName));
        if (response.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + response.raw().body());
        }
        return email;
    }

    /** Invites a new person into the owner's workspace with the role; they sign up and accept. Returns their client. */
    public Api inviteNewMember(String role) {
        String email = "member-" + UUID.randomUUID() + "@example.com";
        String token = post("/api/v1/invitations", Map.of("email", email, "role", role))
                .json()
                .get("token")
                .asString();
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", role + " member", "workspaceName", "Own"));
        var accepted = member.post("/api/v1/invitations/accept", Map.of("token", token));
        if (accepted.status() != 200) {
            throw new IllegalStateException(
                    "accepting the invitation failed: " + accepted.raw().body());
        }
        return member;
    }

    /** A client on another node (port) carrying this client's cookies: the same session, served by that node. */
    public Api sameSessionOn(int otherPort) {
        var other = new Api(otherPort);
        for (var cookie : cookies.getCookieStore().getCookies()) {
            other.cookies.getCookieStore().add(URI.create("http://localhost:" + otherPort), cookie);
        }
        return other;
    }

    public Response signIn(String email, String password) {
        return post("/api/v1/auth/signin", Map.of("email", email, "password", password));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, Object body) {
        return send(json(path, "POST", body));
    }

    /** POST with extra headers (e.g. Idempotency-Key). */
    public Response post(String path, Object body, String... headers) {
        var request = json(path, "POST", body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response patch(String path, Object body) {
        return send(json(path, "PATCH", body));
    }

    public Response put(String path, Object body) {
        return send(json(path, "PUT", body));
    }

    public Response delete(String path) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path)).DELETE()));
    }

    /** DELETE with a JSON body. */
    public Response delete(String path, Object body) {
        return send(json(path, "DELETE", body));
    }

    /** Posts an HTML form (url-encoded) with the CSRF token, as a browser would. */
    public Response postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))));
    }

    /** Sends a raw body with the given content type (for malformed-input tests). */
    public Response postRaw(String path, String contentType, String body) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Posts multipart/form-data with the CSRF token: text fields, then one file part named {@code file}. */
    public Response postMultipart(String path, Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "----crmflow" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write(field.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (fileName != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write(content);
                body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a server-sent event stream; its lines (first "status:NNN") arrive in the queue as they come. */
    public java.util.concurrent.BlockingQueue<String> stream(String path) {
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        http.sendAsync(
                        request(path)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    lines.add("status:" + response.statusCode());
                    response.body().forEach(lines::add);
                });
        return lines;
    }

    /** The underlying client (with this client's cookies), for bodies that are not text. */
    public HttpClient http() {
        return http;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Drops one cookie, as a browser does when it expires. */
    public void forgetCookie(String name) {
        var store = cookies.getCookieStore();
        store.getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .toList()
                .forEach(c -> store.getURIs().forEach(uri -> store.remove(uri, c)));
    }

    public void forgetCsrf() {
        csrf = null;
    }

    private HttpRequest.Builder json(String path, String method, Object body) {
        return withCsrf(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        // the masked token from GET /csrf; refreshed after sign-in, which rotates it
        csrf = fetchCsrf();
        return request.header("X-XSRF-TOKEN", csrf);
    }

    private String fetchCsrf() {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).get("token").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
