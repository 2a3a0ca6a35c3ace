import io.crmflow.CrmFlowApplication;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Import speed: a generated {@code rows}-row contacts CSV (names, email, phone, job title, city, tags; 1 % bad
 * emails) imported through the real path (multipart upload over HTTP → chunks in PostgreSQL → the import job's
 * batches: parse, validate, COPY into staging, INSERT into contacts) in this JVM (run it with -Xmx256m), against
 * COPY of the same file into a plain table with the same columns. Rounds interleave the two; the median ratio is
 * reported with the peak heap seen during imports. Run: bench/import-speed.sh (see bench/README.md).
 */
public class ImportSpeedBench {

    static final int ROWS = Integer.getInteger("rows", 1_000_000);
    static final int ROUNDS = Integer.getInteger("rounds", 3);

    public static void main(String[] args) throws Exception {
        Path csv = Files.createTempFile("crmflow-import-bench-", ".csv");
        generate(csv);
        System.out.printf("generated %,d rows, %,d bytes; max heap %d MB%n", ROWS, Files.size(csv),
                Runtime.getRuntime().maxMemory() >> 20);
        String[] settings = {
            "--server.port=0", "--crmflow.database.embedded.ephemeral=true", "--logging.structured.format.console=",
            "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--crmflow.rate-limit.enabled=false",
            "--db-scheduler.polling-interval=200ms"
        };
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CrmFlowApplication.class).run(settings)) {
            String base = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
            DataSource owner = node.getBean("ownerDataSource", DataSource.class);
            List<Double> ratios = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            long peakHeap = 0;
            long liveHeap = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                HeapWatch watch = new HeapWatch();
                double importSeconds = importOnce(base, csv);
                peakHeap = Math.max(peakHeap, watch.stop());
                double copySeconds = copyOnce(owner, csv);
                double floorSeconds = sqlFloor(owner, csv);
                double ratio = importSeconds / copySeconds;
                ratios.add(ratio);
                floors.add(importSeconds / floorSeconds);
                liveHeap = Math.max(liveHeap, watch.live());
                System.out.printf("round %d: import %.1f s (%,.0f rows/s), COPY %.1f s -> ratio %.2f;"
                                + " COPY + INSERT into contacts %.1f s -> ratio %.2f; heap used at most %d MB, live after GC %d MB%n",
                        round, importSeconds, ROWS / importSeconds, copySeconds, ratio, floorSeconds,
                        importSeconds / floorSeconds, watch.peak >> 20, watch.live() >> 20);
            }
            Collections.sort(ratios);
            Collections.sort(floors);
            System.out.printf("%n%,d rows, %d rounds: median import/COPY ratio %.2f (target <= 2);"
                    + " median import/(COPY + INSERT into contacts) ratio %.2f;%n"
                    + "heap during imports: used at most %d MB of %d MB, live after GC at most %d MB%n",
                    ROWS, ROUNDS, ratios.get(ratios.size() / 2), floors.get(floors.size() / 2), peakHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, liveHeap >> 20);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    static void generate(Path csv) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("First Name,Last Name,Email,Phone,Job Title,City,Tags\n");
            for (int i = 1; i <= ROWS; i++) {
                String email = i % 100 == 0 ? "broken-" + i : "person" + i + "@example.com";
                out.write("First" + i + ",Last" + i + "," + email + ",+1 202 555 " + String.format("%04d", i % 10_000)
                        + ",Engineer " + (i % 50) + ",City " + (i % 1000) + ",\"tag" + (i % 7) + ";tag" + (i % 11) + "\"\n");
            }
        }
    }

    /** Signs up a fresh workspace, uploads the file, waits for the job: seconds from upload start to completion. */
    static double importOnce(String base, Path csv) throws Exception {
        Client client = new Client(base);
        client.json("POST", "/api/v1/auth/signup", "{\"email\":\"bench-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\",\"workspaceName\":\"Bench\"}");
        long start = System.nanoTime();
        String started = client.upload("/api/v1/contacts/imports", csv);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(started);
        if (!id.find()) throw new IllegalStateException(started);
        while (true) {
            String status = client.json("GET", "/api/v1/contacts/imports/" + id.group(1), null);
            if (status.contains("\"status\":\"completed\"")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.println("  " + status.replaceAll(".*(\"totalRows\".*?\"errorCount\":\\d+).*", "$1"));
                return seconds;
            }
            if (status.contains("\"status\":\"failed\"") || status.contains("\"status\":\"cancelled\"")) {
                throw new IllegalStateException(status);
            }
            if (System.nanoTime() - start > 3_600_000_000_000L) throw new IllegalStateException("took over an hour");
            Thread.sleep(200);
        }
    }

    /** COPY of the same CSV into a fresh plain table with the file's columns: seconds. */
    static double copyOnce(DataSource owner, Path csv) throws Exception {
        try (Connection c = owner.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("drop table if exists bench_copy_target");
                s.execute("create table bench_copy_target (first_name text, last_name text, email text, phone text,"
                        + " job_title text, city text, tags text)");
            }
            long start = System.nanoTime();
            try (var in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy bench_copy_target from stdin with (format csv, header true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (var s = c.createStatement()) {
                s.execute("drop table bench_copy_target");
            }
            return seconds;
        }
    }

    /**
     * The database's floor for the same rows: COPY into a plain table, then one INSERT … SELECT into {@code contacts}
     * (all its indexes and generated columns, as the owner, no RLS) for a fresh workspace: seconds.
     */
    static double sqlFloor(DataSource owner, Path csv) throws Exception {
        try (Connection c = owner.getConnection()) {
            UUID workspace = UUID.randomUUID();
            try (var s = c.createStatement()) {
                s.execute("insert into workspaces (id, name, slug, created_at) values ('" + workspace
                        + "', 'floor', 'floor-" + workspace + "', now())");
                s.execute("create table bench_floor (first_name text, last_name text, email text, phone text,"
                        + " job_title text, city text, tags text)");
            }
            long start = System.nanoTime();
            try (var in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy bench_floor from stdin with (format csv, header true)", in);
            }
            try (var s = c.createStatement()) {
                s.execute("insert into contacts (tenant_id, id, first_name, last_name, emails, phones, job_title, tags,"
                        + " address, created_at, updated_at) select '" + workspace + "', gen_random_uuid(), first_name,"
                        + " last_name, array[lower(email)], array[regexp_replace(phone, '[^0-9+]', '', 'g')], job_title,"
                        + " string_to_array(tags, ';'), jsonb_build_object('city', city), now(), now() from bench_floor"
                        + " where email like '%@%'");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (var s = c.createStatement()) {
                s.execute("drop table bench_floor");
            }
            return seconds;
        }
    }

    /** Samples used heap every 50 ms and reads the heap pools' peaks (reset at the start). */
    static final class HeapWatch {
        final AtomicLong sampled = new AtomicLong();
        final Thread thread;
        long peak;

        HeapWatch() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            var memory = ManagementFactory.getMemoryMXBean();
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    liveMax.accumulateAndGet(liveNow(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        final AtomicLong liveMax = new AtomicLong();

        /** The most the heap held after a collection (the live set), over the heap pools. */
        long live() {
            return Math.max(liveMax.get(), liveNow());
        }

        static long liveNow() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                    .mapToLong(p -> p.getCollectionUsage().getUsed())
                    .sum();
        }

        long stop() {
            thread.interrupt();
            long pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
            peak = Math.max(sampled.get(), Math.min(pools, Runtime.getRuntime().maxMemory()));
            return peak;
        }
    }

    /** Cookies and the CSRF token like a browser. */
    static final class Client {
        final String base;
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        Client(String base) {
            this.base = base;
        }

        String csrf() throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
            if (!m.find()) throw new IllegalStateException(body);
            return m.group(1);
        }

        String json(String method, String path, String body) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
            if (!method.equals("GET")) request.header("X-XSRF-TOKEN", csrf());
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        String upload(String path, Path file) throws Exception {
            String boundary = "bench" + UUID.randomUUID();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail));
            var response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("X-XSRF-TOKEN", csrf())
                    .POST(body).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) throw new IllegalStateException(response.statusCode() + " " + response.body());
            return response.body();
        }
    }
}
