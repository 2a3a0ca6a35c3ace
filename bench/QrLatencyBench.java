import io.crmflow.CrmFlowApplication;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * QR sign-in latency across two app nodes sharing one PostgreSQL: the desktop listens (SSE) on node A, the phone
 * approves on node B. Measures, over 200 runs, the time from the phone's approve request to (1) the desktop's
 * stream receiving "approved" and (2) the desktop being signed in (its complete call answered). Baseline: the same
 * signal through PostgreSQL alone (NOTIFY on one connection, LISTEN on another). Run: bench/qr-latency.sh.
 */
public class QrLatencyBench {

    static final int RUNS = Integer.getInteger("runs", 200);
    static final int WARMUP = Integer.getInteger("warmup", 20);
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?([^\",}]+)");

    public static void main(String[] args) throws Exception {
        String[] common = {
            "--server.port=0", "--crmflow.database.embedded.ephemeral=true", "--crmflow.qr.creations-per-minute=1000000",
            "--logging.structured.format.console=", "--logging.level.root=WARN", "--spring.main.banner-mode=off"
        };
        try (ConfigurableApplicationContext nodeA = new SpringApplicationBuilder(CrmFlowApplication.class).run(common);
                ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(CrmFlowApplication.class).run(common)) {
            String a = "http://localhost:" + nodeA.getEnvironment().getProperty("local.server.port");
            String b = "http://localhost:" + nodeB.getEnvironment().getProperty("local.server.port");
            Client phone = new Client(b);
            phone.post("/api/v1/auth/signup", "{\"email\":\"bench-" + UUID.randomUUID()
                    + "@example.com\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\",\"workspaceName\":\"Bench\"}");
            List<Long> toEvent = new ArrayList<>();
            List<Long> toSignedIn = new ArrayList<>();
            for (int run = 0; run < WARMUP + RUNS; run++) {
                long[] times = once(new Client(a), phone);
                if (run >= WARMUP) {
                    toEvent.add(times[0]);
                    toSignedIn.add(times[1]);
                }
            }
            var jdbc = nodeA.getBean(com.zaxxer.hikari.HikariDataSource.class);
            List<Long> baseline = notifyBaseline(jdbc.getJdbcUrl(), jdbc.getUsername(), jdbc.getPassword());
            System.out.printf("%nQR sign-in, desktop on node A, phone on node B, %d runs (after %d warm-up):%n", RUNS, WARMUP);
            report("approve request -> desktop stream receives 'approved'", toEvent);
            report("approve request -> desktop signed in (complete answered)", toSignedIn);
            report("PostgreSQL alone: NOTIFY commit -> LISTEN connection receives", baseline);
            System.out.printf("ratio of p95, signed in vs PostgreSQL NOTIFY alone: %.1f (target: p95 signed in <= 250 ms)%n",
                    (double) percentile(toSignedIn, 95) / Math.max(1, percentile(baseline, 95)));
        }
        System.exit(0);
    }

    /** One sign-in; returns nanoseconds {approve -> approved event, approve -> signed in}. */
    static long[] once(Client desktop, Client phone) throws Exception {
        String created = desktop.post("/api/v1/auth/qr-sessions", "{}").body();
        String id = field(created, "id");
        String url = field(created, "qrUrl");
        String token = url.substring(url.lastIndexOf('/') + 1);
        BlockingQueue<String> events = desktop.stream("/api/v1/auth/qr-sessions/" + id + "/events");
        await(events, "event:pending");
        String request = phone.post("/api/v1/auth/qr-sessions/" + token + "/scan", "{}").body();
        await(events, "event:scanned");
        String data = await(events, "data:");
        String match = field(data, "matchNumber");
        if (!request.contains(match)) throw new IllegalStateException("match number not among the phone's choices");
        long start = System.nanoTime();
        var approved = phone.post("/api/v1/auth/qr-sessions/" + token + "/approve", "{\"choice\":" + match + "}");
        if (approved.statusCode() != 200) throw new IllegalStateException(approved.body());
        await(events, "event:approved");
        long event = System.nanoTime() - start;
        var signedIn = desktop.post("/api/v1/auth/qr-sessions/" + id + "/complete", "{}");
        if (signedIn.statusCode() != 200) throw new IllegalStateException(signedIn.body());
        return new long[] {event, System.nanoTime() - start};
    }

    static List<Long> notifyBaseline(String url, String user, String password) throws Exception {
        List<Long> times = new ArrayList<>();
        try (Connection sender = DriverManager.getConnection(url, user, password);
                Connection listener = DriverManager.getConnection(url, user, password)) {
            listener.createStatement().execute("listen bench_baseline");
            PGConnection pg = listener.unwrap(PGConnection.class);
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long start = System.nanoTime();
                sender.createStatement().execute("notify bench_baseline, 'x'");
                while (true) {
                    var received = pg.getNotifications(1000);
                    if (received != null && received.length > 0) break;
                }
                if (i >= WARMUP) times.add(System.nanoTime() - start);
            }
        }
        return times;
    }

    static String await(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) return line;
        }
        throw new IllegalStateException("timed out waiting for " + prefix);
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) if (m.group(1).equals(name)) return m.group(2);
        throw new IllegalStateException(name + " missing in " + json);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static void report(String what, List<Long> nanos) {
        System.out.printf("  %-62s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms%n", what,
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6);
    }

    /** Cookies and CSRF like a browser. */
    static final class Client {
        final String base;
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http;

        Client(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).build(), HttpResponse.BodyHandlers.discarding());
            String csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        BlockingQueue<String> stream(String path) {
            var lines = new LinkedBlockingQueue<String>();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(lines::add));
            return lines;
        }
    }
}
