import io.crmflow.CrmFlowApplication;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Overhead of authentication + rate limiting on a trivial endpoint. Node A serves {@code GET /api/v1/ping} to a
 * client presenting an API key (key looked up in PostgreSQL, scopes checked, the key's token bucket drawn from);
 * node B, same code with rate limiting off, serves the same endpoint to an anonymous client. Same JVM, same
 * PostgreSQL, interleaved rounds of {@code concurrency} clients for {@code seconds} each; reports requests/s and
 * latencies, and the median of per-round throughput ratios. Run: bench/api-overhead.sh.
 */
public class ApiOverheadBench {

    static final int ROUNDS = Integer.getInteger("rounds", 7);
    static final int SECONDS = Integer.getInteger("seconds", 5);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 16);
    static final int WARMUP = Integer.getInteger("warmup", 15);

    public static void main(String[] args) throws Exception {
        String[] common = {
            "--server.port=0", "--crmflow.database.embedded.ephemeral=true", "--logging.structured.format.console=",
            "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--crmflow.rate-limit.api-key.requests=1000000000",
            "--crmflow.rate-limit.anonymous.requests=1000000000"
        };
        try (ConfigurableApplicationContext nodeA = new SpringApplicationBuilder(CrmFlowApplication.class).run(common);
                ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(CrmFlowApplication.class)
                        .run(append(common, "--crmflow.rate-limit.enabled=false"))) {
            String a = "http://localhost:" + nodeA.getEnvironment().getProperty("local.server.port");
            String b = "http://localhost:" + nodeB.getEnvironment().getProperty("local.server.port");
            String key = createKey(a);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest withKey = HttpRequest.newBuilder(URI.create(a + "/api/v1/ping"))
                    .header("Authorization", "Bearer " + key)
                    .build();
            HttpRequest bare = HttpRequest.newBuilder(URI.create(b + "/api/v1/ping")).build();
            check(client, withKey, "\"authenticated\":true");
            check(client, bare, "\"authenticated\":false");
            run(client, withKey, WARMUP); // let the JIT settle on both paths first
            run(client, bare, WARMUP);
            List<Double> ratios = new ArrayList<>();
            List<Long> latenciesKey = new ArrayList<>();
            List<Long> latenciesBare = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Result keyed = round % 2 == 0 ? run(client, withKey, SECONDS) : null;
                Result plain = run(client, bare, SECONDS);
                if (keyed == null) keyed = run(client, withKey, SECONDS);
                latenciesKey.addAll(keyed.latencies());
                latenciesBare.addAll(plain.latencies());
                double ratio = plain.perSecond() / keyed.perSecond();
                ratios.add(ratio);
                System.out.printf("round %d: with key + rate limit %8.0f req/s | bare %8.0f req/s | bare/keyed %.2f%n",
                        round + 1, keyed.perSecond(), plain.perSecond(), ratio);
            }
            Collections.sort(ratios);
            System.out.printf("%nGET /api/v1/ping, %d clients, %d rounds of %d s:%n", CONCURRENCY, ROUNDS, SECONDS);
            System.out.printf("  latency with API key + rate limit: p50 %.2f ms  p99 %.2f ms%n", pct(latenciesKey, 50), pct(latenciesKey, 99));
            System.out.printf("  latency bare:                      p50 %.2f ms  p99 %.2f ms%n", pct(latenciesBare, 50), pct(latenciesBare, 99));
            System.out.printf("  throughput ratio bare / (auth + rate limit), median: %.2f%n", ratios.get(ratios.size() / 2));
        }
        System.exit(0);
    }

    record Result(double perSecond, List<Long> latencies) {}

    static Result run(HttpClient client, HttpRequest request, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONCURRENCY; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) throw new IllegalStateException(response.body());
                        latencies.add(System.nanoTime() - start);
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return new Result(done.get() / (double) seconds, latencies);
    }

    static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static void check(HttpClient client, HttpRequest request, String expected) throws Exception {
        String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (!body.contains(expected)) throw new IllegalStateException(body);
    }

    static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }

    /** Signs up on node A and creates a read key, as an admin would. */
    static String createKey(String base) throws Exception {
        var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        post(http, cookies, base, "/api/v1/auth/signup", "{\"email\":\"bench-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\",\"workspaceName\":\"Bench\"}");
        String created = post(http, cookies, base, "/api/v1/api-keys", "{\"name\":\"bench\",\"scopes\":[\"read\"]}");
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created);
        if (!m.find()) throw new IllegalStateException(created);
        return m.group(1);
    }

    static String post(HttpClient http, CookieManager cookies, String base, String path, String json) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).build(), HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
