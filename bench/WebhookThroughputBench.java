import com.sun.net.httpserver.HttpServer;
import io.crmflow.CrmFlowApplication;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook delivery throughput: {@code events} test events are queued by 8 API clients (each is an event row, a
 * delivery row and a job, committed together) while CRMFlow's jobs deliver them, signed, to a local receiver. Reports events/s from
 * the first queued event to the last received one, against the same receiver taking the same number of POSTs
 * straight from a client with the same concurrency (the ceiling of this machine). Run: bench/webhook-throughput.sh.
 */
public class WebhookThroughputBench {

    static final int EVENTS = Integer.getInteger("events", 2000);
    static final int THREADS = Integer.getInteger("threads", 4);
    static final String POLLING = System.getProperty("polling", "1s");

    public static void main(String[] args) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong firstReceipt = new AtomicLong();
        AtomicLong lastReceipt = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            firstReceipt.compareAndSet(0, now);
            lastReceipt.set(now);
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String[] settings = {
            "--server.port=0", "--crmflow.database.embedded.ephemeral=true", "--logging.structured.format.console=",
            "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--crmflow.webhooks.allow-private=true",
            "--crmflow.rate-limit.enabled=false", "--db-scheduler.threads=" + THREADS,
            "--db-scheduler.polling-interval=" + POLLING
        };
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CrmFlowApplication.class).run(settings)) {
            String base = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
            Client admin = new Client(base);
            admin.post("/api/v1/auth/signup", "{\"email\":\"bench-" + UUID.randomUUID()
                    + "@example.com\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\",\"workspaceName\":\"Bench\"}");
            String created = admin.post("/api/v1/webhooks", "{\"url\":\"" + hook + "\",\"events\":[\"member.created\"]}");
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
            if (!id.find()) throw new IllegalStateException(created);

            long start = System.nanoTime();
            try (var queueing = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < EVENTS; i++) {
                    queueing.submit(() -> admin.post("/api/v1/webhooks/" + id.group(1) + "/test", "{}"));
                }
            }
            long queued = System.nanoTime();
            while (received.get() < EVENTS) {
                if (System.nanoTime() - start > 600_000_000_000L) throw new IllegalStateException("only " + received.get());
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double crmflow = EVENTS / seconds;
            double delivering = EVENTS / Math.max(1e-9, (lastReceipt.get() - firstReceipt.get()) / 1e9);

            received.set(0);
            HttpClient raw = HttpClient.newHttpClient();
            long rawStart = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(THREADS)) {
                for (int i = 0; i < EVENTS; i++) {
                    pool.submit(() -> raw.send(HttpRequest.newBuilder(URI.create(hook))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"webhook.test\"}")).build(),
                            HttpResponse.BodyHandlers.discarding()));
                }
            }
            double direct = EVENTS / ((System.nanoTime() - rawStart) / 1e9);
            System.out.printf("%nWebhook delivery, %d events, %d job threads, polling %s:%n", EVENTS, THREADS, POLLING);
            System.out.printf("  queued through the API in %.1f s (%.0f events/s)%n", (queued - start) / 1e9, EVENTS / ((queued - start) / 1e9));
            System.out.printf("  CRMFlow end to end: first queued to last received %.1f s -> %.0f events/s%n", seconds, crmflow);
            System.out.printf("  CRMFlow delivering: first to last receipt -> %.0f events/s%n", delivering);
            System.out.printf("  the same receiver, %d plain client threads: %.0f POSTs/s; delivering / plain %.2f%n",
                    THREADS, direct, delivering / direct);
        } finally {
            receiver.stop(0);
        }
        System.exit(0);
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

        String post(String path, String json) throws Exception {
            if (cookies.getCookieStore().getCookies().stream().noneMatch(c -> c.getName().equals("XSRF-TOKEN"))) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).build(), HttpResponse.BodyHandlers.discarding());
            }
            String csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
            var response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) throw new IllegalStateException(path + " -> " + response.body());
            return response.body();
        }
    }
}
