import io.crmflow.CrmFlowApplication;
import io.crmflow.records.RecordCursor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Contacts read path, app vs PostgreSQL alone. Seeds ~1.1 M contacts (1 000 workspaces of ~1 000 plus one of 100 000)
 * into a throw-away embedded PostgreSQL 17, starts the real app on it, and for each scenario (list first page, deep
 * keyset page, search with a typo, get by id) drives the app over HTTP with an API key and pgbench with the same SQL
 * in the same transaction shape (same non-owner role, tenant set per transaction with set_config, generic plans),
 * interleaved, for several rounds. Prints throughput ratios app/pgbench (median of rounds), latency percentiles of
 * both and whether the targets are met. Run: bench/contacts-read.sh (see bench/README.md).
 */
public class ContactsReadBench {

    static final int SECONDS = Integer.getInteger("seconds", 10);
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final int WARMUP = Integer.getInteger("warmup", 10);
    static final int TENANTS = Integer.getInteger("tenants", 1000);
    static final int PER_TENANT = Integer.getInteger("perTenant", 1000);
    static final int BIG = Integer.getInteger("big", 100_000);
    static final int DEEP = Integer.getInteger("deep", 50_000);
    static final int LIMIT = 50;
    static final String Q = System.getProperty("q", "jonh");
    static final String POOL_SIZE = System.getProperty("poolSize", "");
    static final String ONLY = System.getProperty("only", "");
    static final int GET_IDS = 100;
    static final String APP_ROLE = "crmflow_app";
    static final String APP_PASSWORD = "crmflow_app";

    /** One scenario at one concurrency. */
    record Cell(String scenario, int clients) {
        String name() {
            return scenario + " c" + clients;
        }
    }

    /** A scenario: what the HTTP client asks and what pgbench runs (one transaction = one request). */
    record Scenario(String name, List<String> paths, List<String> script, Map<String, String> vars, String workspace) {}

    /** Successful requests (transactions) per second, their latencies in µs, failed requests. */
    record Result(double perSecond, List<Long> micros, long errors) {}

    public static void main(String[] args) throws Exception {
        String pgbench = findPgbench();
        if (pgbench == null) {
            System.err.println("pgbench not found (set -Dpgbench=/path/to/pgbench or install postgresql-client): "
                    + "this benchmark needs it as its baseline");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("crmflow-readbench-");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .start();
        findPostmaster(work.resolve("pgdata"));
        // the plain server URL: no "?user=postgres" (zonky's getJdbcUrl adds it, and it would win over the app role)
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        List<String> appArgs = new ArrayList<>(List.of(
                "--server.port=0", "--crmflow.database.url=" + url, "--crmflow.database.owner-user=postgres",
                "--crmflow.database.user=" + APP_ROLE, "--crmflow.database.password=" + APP_PASSWORD,
                "--logging.structured.format.console=", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--crmflow.rate-limit.api-key.requests=1000000000", "--crmflow.rate-limit.anonymous.requests=1000000000",
                "--crmflow.rate-limit.user.requests=1000000000", "--crmflow.rate-limit.auth.requests=1000000000"));
        if (!POOL_SIZE.isEmpty()) appArgs.add("--crmflow.database.pool-size=" + POOL_SIZE);
        int exit = 0;
        try (Connection owner = DriverManager.getConnection(url, "postgres", null);
                ConfigurableApplicationContext app =
                        new SpringApplicationBuilder(CrmFlowApplication.class).run(appArgs.toArray(String[]::new))) {
            // the app ran Flyway (owner) and created its runtime role at start-up, as in production
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            int poolSize = app.getEnvironment().getProperty("crmflow.database.pool-size", Integer.class, 20);
            exec(owner, "create extension if not exists pg_stat_statements");
            String bigEmail = "big-" + UUID.randomUUID() + "@example.com";
            String smallEmail = "small-" + UUID.randomUUID() + "@example.com";
            String bigKey = createKey(base, bigEmail, "Big workspace");
            String smallKey = createKey(base, smallEmail, "Small workspace");
            UUID big = tenantOf(owner, bigEmail);
            UUID small = tenantOf(owner, smallEmail);
            long t0 = System.nanoTime();
            seed(owner, big, small);
            System.out.printf("seeded in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, counts(owner, big, small));

            String columns = contactColumns();
            Map<String, Scenario> scenarios = scenarios(owner, columns, big, small);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, String> keys = Map.of("big", bigKey, "small", smallKey);
            Pgbench bench = new Pgbench(pgbench, pg.getPort(), work);

            explainAll(url, columns, big, small, scenarios);
            if (System.getProperty("mode", "").equals("explain")) {
                searchExperiments(owner, url, columns, big, small);
                return;
            }
            verifySameSql(owner, http, base, keys, bench, scenarios);

            List<Cell> cells = new ArrayList<>();
            for (int c : new int[] {64, 8}) cells.add(new Cell("list-first", c));
            for (int c : new int[] {64, 8}) cells.add(new Cell("list-deep", c));
            for (int c : new int[] {64, 8, 1}) cells.add(new Cell("search-100k", c));
            cells.add(new Cell("search-1k", 1));
            cells.add(new Cell("search-1k", 8));
            for (int c : new int[] {64, 8}) cells.add(new Cell("get", c));
            if (!ONLY.isEmpty()) cells.removeIf(c -> !c.name().matches(ONLY));

            // the JIT needs a while on this busy 2-core machine; PostgreSQL only needs its caches warm
            System.out.printf("%nwarm-up (%d s app, %d s pgbench, per scenario)%n", WARMUP, Math.min(WARMUP, 3));
            for (String s : new LinkedHashSet<>(cells.stream().map(Cell::scenario).toList())) {
                Scenario sc = scenarios.get(s);
                runApp(http, base, keys.get(sc.workspace()), sc, 8, WARMUP);
                bench.run(sc, 8, Math.min(WARMUP, 3));
            }

            Map<Cell, List<Double>> ratios = new LinkedHashMap<>();
            Map<Cell, List<Double>> appTps = new LinkedHashMap<>();
            Map<Cell, List<Double>> pgTps = new LinkedHashMap<>();
            Map<Cell, List<Long>> appLat = new LinkedHashMap<>();
            Map<Cell, List<Long>> pgLat = new LinkedHashMap<>();
            Map<Cell, Long> appErrors = new LinkedHashMap<>();
            Map<Cell, List<double[]>> cpuCost = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                System.out.printf("%nround %d of %d%n", round + 1, ROUNDS);
                for (Cell cell : cells) {
                    Scenario sc = scenarios.get(cell.scenario());
                    Result a;
                    Result p;
                    Cpu appCpu;
                    Cpu pgCpu;
                    if (round % 2 == 0) { // alternate which side goes first
                        Cpu c0 = cpu();
                        a = runApp(http, base, keys.get(sc.workspace()), sc, cell.clients(), SECONDS);
                        Cpu c1 = settledCpu();
                        p = bench.run(sc, cell.clients(), SECONDS);
                        Cpu c2 = settledCpu();
                        appCpu = c1.minus(c0);
                        pgCpu = c2.minus(c1);
                    } else {
                        Cpu c0 = cpu();
                        p = bench.run(sc, cell.clients(), SECONDS);
                        Cpu c1 = settledCpu();
                        a = runApp(http, base, keys.get(sc.workspace()), sc, cell.clients(), SECONDS);
                        Cpu c2 = settledCpu();
                        pgCpu = c1.minus(c0);
                        appCpu = c2.minus(c1);
                    }
                    double appReqs = a.micros().size();
                    double pgTx = p.micros().size();
                    cpuCost.computeIfAbsent(cell, k -> new ArrayList<>()).add(new double[] {
                        appCpu.jvm() * 1000 / appReqs, appCpu.postgres() * 1000 / appReqs,
                        pgCpu.children() * 1000 / pgTx, pgCpu.postgres() * 1000 / pgTx});
                    double ratio = a.perSecond() / p.perSecond();
                    ratios.computeIfAbsent(cell, k -> new ArrayList<>()).add(ratio);
                    appTps.computeIfAbsent(cell, k -> new ArrayList<>()).add(a.perSecond());
                    pgTps.computeIfAbsent(cell, k -> new ArrayList<>()).add(p.perSecond());
                    appLat.computeIfAbsent(cell, k -> new ArrayList<>()).addAll(a.micros());
                    pgLat.computeIfAbsent(cell, k -> new ArrayList<>()).addAll(p.micros());
                    appErrors.merge(cell, a.errors(), Long::sum);
                    System.out.printf("  %-16s app %7.1f/s p99 %7.1f ms%s | pgbench %7.1f/s p99 %7.1f ms | app/pgbench %.2f%n",
                            cell.name(), a.perSecond(), pct(a.micros(), 99), a.errors() == 0 ? "" : " (" + a.errors() + " failed)",
                            p.perSecond(), pct(p.micros(), 99), ratio);
                }
            }

            System.out.printf("%nContacts read path, %d rounds of %d s per side, interleaved; app pool %d connections; "
                    + "q=%s; %s%n", ROUNDS, SECONDS, poolSize, Q, Instant.now());
            System.out.println("| scenario | clients | app req/s | pgbench tx/s | app/pgbench median (rounds) | app p50/p95/p99 ms | pgbench p50/p95/p99 ms | app failed |");
            System.out.println("|---|---:|---:|---:|---:|---|---|---:|");
            for (Cell cell : cells) {
                System.out.printf("| %s | %d | %.1f | %.1f | %.2f (%s) | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %d |%n",
                        cell.scenario(), cell.clients(), median(appTps.get(cell)), median(pgTps.get(cell)),
                        median(ratios.get(cell)), fmt(ratios.get(cell)),
                        pct(appLat.get(cell), 50), pct(appLat.get(cell), 95), pct(appLat.get(cell), 99),
                        pct(pgLat.get(cell), 50), pct(pgLat.get(cell), 95), pct(pgLat.get(cell), 99), appErrors.get(cell));
            }
            System.out.println("\nCPU per request / transaction (ms, median of rounds; JVM = app + its HTTP load generator;"
                    + " PostgreSQL = all its processes; 2 cores shared with other work):");
            System.out.println("| scenario | clients | app: JVM | app: PostgreSQL | pgbench: client | pgbench: PostgreSQL | PostgreSQL app/pgbench |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (Cell cell : cells) {
                List<double[]> costs = cpuCost.get(cell);
                double[] m = new double[4];
                for (int i = 0; i < 4; i++) {
                    int j = i;
                    m[i] = median(costs.stream().map(x -> x[j]).toList());
                }
                System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f |%n", cell.scenario(), cell.clients(), m[0], m[1], m[2], m[3], m[1] / m[3]);
            }
            System.out.println("\nTargets:");
            boolean allMet = true;
            for (Cell cell : cells) {
                if (appErrors.get(cell) > 0) {
                    allMet &= verdict(cell.name() + " app requests failed", false, String.valueOf(appErrors.get(cell)));
                }
                if (cell.clients() == 64) {
                    double r = median(ratios.get(cell));
                    allMet &= verdict(cell.name() + " throughput app/pgbench >= 0.60", r >= 0.60, String.format("%.2f", r));
                }
                if (cell.clients() == 8) {
                    double p99 = pct(appLat.get(cell), 99);
                    allMet &= verdict(cell.name() + " app p99 <= 25 ms", p99 <= 25, String.format("%.1f ms", p99));
                }
                if (cell.clients() == 1 && cell.scenario().startsWith("search")) {
                    double p95 = pct(appLat.get(cell), 95);
                    allMet &= verdict(cell.name() + " app p95 <= 30 ms", p95 <= 30, String.format("%.1f ms", p95));
                }
            }
            System.out.println(cells.isEmpty() ? "no cell ran (check -Donly, a regex over e.g. \"search-100k c1\")"
                    : allMet ? "all targets of the cells run met" : "SOME TARGETS MISSED");
            if (!System.getProperty("experiments", "true").equals("false")) {
                searchExperiments(owner, url, columns, big, small);
            }
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            pg.close();
        }
        System.exit(exit);
    }

    static boolean verdict(String what, boolean met, String value) {
        System.out.printf("  %-48s %-10s %s%n", what, value, met ? "met" : "MISSED");
        return met;
    }

    static String findPgbench() {
        String configured = System.getProperty("pgbench");
        if (configured != null) return Files.isExecutable(Path.of(configured)) ? configured : null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "pgbench");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    // ---------------------------------------------------------------- seeding

    static final String[] FIRST = {
        "James", "John", "Jon", "Jonas", "Jonathan", "Johanna", "Joan", "Joseph", "Josh", "Julia", "Julian", "Justin",
        "Mary", "Maria", "Marie", "Mark", "Martin", "Michael", "Michelle", "Peter", "Paul", "Anna", "Anne", "Andreas",
        "Andrew", "Thomas", "Tom", "Sarah", "Susan", "Stefan", "Stephanie", "Daniel", "David", "Laura", "Lukas", "Lena",
        "Leon", "Emma", "Emily", "Noah", "Olivia", "Liam", "Sophia", "Max", "Felix", "Hannah", "Ben", "Lisa", "Kevin",
        "Karen", "Robert", "Richard", "Linda", "Barbara", "Christian", "Christina", "Alexander", "Alexandra", "Elena",
        "Eric"
    };
    static final String[] LAST = {
        "Smith", "Johnson", "Jones", "Brown", "Miller", "Meyer", "Meier", "Mayer", "Maier", "Müller", "Mueller",
        "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein",
        "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
        "Schmitt", "Werner", "Krause", "Lehmann", "Davis", "Garcia", "Rodriguez", "Wilson", "Martinez", "Anderson",
        "Taylor", "Thomas", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King",
        "Wright", "Lopez", "Hill", "Scott", "Green", "Baker"
    };
    static final String[] DOMAINS = {
        "example.com", "acme.io", "globex.de", "initech.com", "umbrella.org", "hooli.com", "stark.industries",
        "wayne.enterprises", "gmail.com", "web.de", "outlook.com", "posteo.de"
    };
    static final String[] JOBS = {
        "CEO", "CTO", "Head of Sales", "Account Executive", "Marketing Manager", "Software Engineer", "Buyer",
        "Office Manager", "Procurement Lead", "Consultant", "Founder", "Product Manager"
    };
    static final String[] TAGS = {"vip", "newsletter", "partner", "lead-2025", "trade-fair", "churn-risk", "enterprise", "smb"};
    static final String[] CITIES = {"Berlin", "Hamburg", "München", "Köln", "Frankfurt", "London", "Paris", "Wien", "Zürich", "New York"};
    static final String[] SOURCES = {"web", "import", "referral", "event", "api", "linkedin"};

    static String arr(String[] values) {
        StringBuilder sb = new StringBuilder("array[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('\'').append(values[i].replace("'", "''")).append('\'');
        }
        return sb.append("]::text[]").toString();
    }

    static String pick(String[] values) {
        return "(" + arr(values) + ")[1 + floor(random() * " + values.length + ")::int]";
    }

    /** Contact id of row n in bench tenant t: deterministic, so pgbench and the HTTP client can name the same rows. */
    static UUID contactId(int t, int n) {
        return UUID.fromString(String.format("%08d-0000-4000-8000-%012d", t, n));
    }

    static void seed(Connection owner, UUID big, UUID small) throws SQLException {
        exec(owner, "set maintenance_work_mem = '1GB'");
        exec(owner, "set work_mem = '1GB'");
        exec(owner, "set synchronous_commit = off");
        exec(owner, "create temp table bench_tenants (t int primary key, id uuid not null, n int not null)");
        exec(owner, "insert into bench_tenants values (0, '" + big + "', " + BIG + "), (1, '" + small + "', " + PER_TENANT + ")");
        // the other workspaces (the 1k one above is one of TENANTS workspaces of ~PER_TENANT contacts)
        exec(owner, "insert into workspaces (id, name, slug, created_at) select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid,"
                + " 'Bench ' || g, 'bench-w' || g, now() - interval '3 years' from generate_series(2, " + TENANTS + ") g");
        exec(owner, "insert into bench_tenants select g, ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, "
                + PER_TENANT + " + (g % 7) * 10 - 30 from generate_series(2, " + TENANTS + ") g");
        // bulk load without the secondary indexes, then rebuild them from their own definitions (much faster than
        // maintaining six GIN indexes row by row)
        List<String> indexDefs = new ArrayList<>();
        List<String> indexNames = new ArrayList<>();
        try (ResultSet rs = owner.createStatement().executeQuery("""
                select i.relname, pg_get_indexdef(x.indexrelid) from pg_index x join pg_class i on i.oid = x.indexrelid
                where x.indrelid = 'contacts'::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
                """)) {
            while (rs.next()) {
                indexNames.add(rs.getString(1));
                indexDefs.add(rs.getString(2));
            }
        }
        for (String name : indexNames) exec(owner, "drop index " + name);
        exec(owner, "select setseed(0.42)");
        exec(owner, """
                insert into contacts (tenant_id, id, first_name, last_name, emails, phones, job_title, tags, address,
                                      source, lifecycle_stage, consent, created_at, updated_at)
                select tenant_id, id, fn, ln,
                       array[lower(fn || '.' || ln || case when n %% 3 = 0 then n::text else '' end) || '@' || dom]
                           || case when n %% 10 = 0 then array[lower(substr(fn, 1, 1) || ln) || '@' || %s] else '{}'::text[] end,
                       array['+49' || (1500000000 + floor(random() * 99999999))::bigint::text],
                       case when n %% 4 = 0 then null else %s end,
                       case when n %% 3 = 0 then '{}'::text[] when n %% 3 = 1 then array[%s] else array[%s, %s] end,
                       jsonb_build_object('city', %s, 'country', 'DE'),
                       %s,
                       (array['subscriber','lead','marketing_qualified','sales_qualified','opportunity','customer','evangelist','other'])[1 + floor(random() * 8)::int],
                       '{"email": true}'::jsonb,
                       created, created + random() * interval '30 days'
                from (select b.id as tenant_id,
                             (lpad(b.t::text, 8, '0') || '-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid as id,
                             g as n, %s as fn, %s as ln, %s as dom,
                             now() - random() * interval '1095 days' as created
                      from bench_tenants b cross join lateral generate_series(1, b.n) g) s
                order by created
                """.formatted(pick(DOMAINS), pick(JOBS), pick(TAGS), pick(TAGS), pick(TAGS), pick(CITIES),
                        pick(SOURCES), pick(FIRST), pick(LAST), pick(DOMAINS)));
        for (String def : indexDefs) exec(owner, def);
        exec(owner, "vacuum analyze");
        exec(owner, "checkpoint");
    }

    static String counts(Connection owner, UUID big, UUID small) throws SQLException {
        try (ResultSet rs = owner.createStatement().executeQuery("select count(*), count(distinct tenant_id),"
                + " count(*) filter (where tenant_id = '" + big + "'), count(*) filter (where tenant_id = '" + small + "'),"
                + " pg_size_pretty(pg_total_relation_size('contacts')) from contacts")) {
            rs.next();
            return String.format("%d contacts in %d workspaces (100k workspace: %d, 1k workspace: %d), contacts table + indexes %s",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
        }
    }

    static UUID tenantOf(Connection owner, String email) throws SQLException {
        try (var s = owner.prepareStatement(
                "select m.tenant_id from memberships m join users u on u.id = m.user_id where u.email = ?")) {
            s.setString(1, email);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    // ---------------------------------------------------------------- the SQL the app sends

    /** ContactRepository.COLUMNS, read from the app so the bench follows it. */
    static String contactColumns() throws Exception {
        var field = Class.forName("io.crmflow.contacts.ContactRepository").getDeclaredField("COLUMNS");
        field.setAccessible(true);
        return (String) field.get(null);
    }

    /** As TenantAwareTransactionManager sends it at the start of every transaction. */
    static final String SET_TENANT = "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)";
    static final String SET_TRGM = "select set_config('pg_trgm.word_similarity_threshold', '0.4', true)";

    /** RecordList.page for sort -createdAt, no filter, visibility ALL; with a cursor when deep. */
    static String listSql(String columns, boolean deep) {
        return "select " + columns + ", r.created_at as sort_0 from contacts r where r.tenant_id = ? and r.deleted_at is null"
                + (deep ? " and (r.created_at, r.id) < (?, ?)" : "")
                + " order by r.created_at desc, r.id desc limit ?";
    }

    /** RecordList.search (first page): KNN candidates from the GiST trigram index, then ranked. */
    static String searchSql(String columns) {
        return "select " + columns + ", ts_rank(r.search, to_tsquery('simple', ?)) + word_similarity(?, r.search_text) as score"
                + " from contacts r where r.tenant_id = ? and r.id in (select r.id from contacts r where r.tenant_id = ?"
                + " and r.deleted_at is null and ? <% r.search_text order by ? <<-> r.search_text limit ?)"
                + " order by score desc, r.id limit ? offset ?";
    }

    /** ContactRepository.find(id, false). */
    static String getSql(String columns) {
        return "select " + columns + " from contacts r where r.id = ? and r.deleted_at is null";
    }

    static Map<String, Scenario> scenarios(Connection owner, String columns, UUID big, UUID small) throws SQLException {
        String tsq = io.crmflow.records.SearchTerms.prefixQuery(Q);
        String ql = Q.toLowerCase(java.util.Locale.ROOT);
        if (tsq.isEmpty()) throw new IllegalArgumentException("q must have a searchable word");
        // the deep page: the 50 000th row of the 100k workspace in -createdAt order; its cursor as the app makes it
        String deepTs;
        UUID deepId;
        try (ResultSet rs = owner.createStatement().executeQuery("select created_at, id from contacts where tenant_id = '"
                + big + "' and deleted_at is null order by created_at desc, id desc offset " + (DEEP - 1) + " limit 1")) {
            rs.next();
            deepTs = rs.getTimestamp(1).toInstant().toString();
            deepId = rs.getObject(2, UUID.class);
        }
        String cursor = new RecordCursor("-createdAt", List.of(deepTs), deepId, 0).encode();
        String qEnc = URLEncoder.encode(Q, StandardCharsets.UTF_8);
        String enc = "/api/v1/contacts?limit=" + LIMIT + "&sort=-createdAt";
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("list-first", new Scenario("list-first", List.of(enc),
                List.of(SET_TENANT, listSql(columns, false)), vars("t", big, "l", LIMIT + 1), "big"));
        all.put("list-deep", new Scenario("list-deep", List.of(enc + "&cursor=" + cursor),
                List.of(SET_TENANT, listSql(columns, true)), vars("t", big, "ts", deepTs, "id", deepId, "l", LIMIT + 1), "big"));
        String searchPath = "/api/v1/contacts?limit=" + LIMIT + "&q=" + qEnc;
        all.put("search-100k", new Scenario("search-100k", List.of(searchPath),
                List.of(SET_TENANT, SET_TRGM, searchSql(columns)),
                vars("t", big, "tsq", tsq, "q", ql, "l", LIMIT + 1, "o", 0), "big"));
        all.put("search-1k", new Scenario("search-1k", List.of(searchPath),
                List.of(SET_TENANT, SET_TRGM, searchSql(columns)),
                vars("t", small, "tsq", tsq, "q", ql, "l", LIMIT + 1, "o", 0), "small"));
        // get: GET_IDS rows spread over the 100k workspace; pgbench gets one script per id (chosen at random)
        List<String> paths = new ArrayList<>();
        Map<String, String> getVars = vars("t", big);
        for (int i = 0; i < GET_IDS; i++) {
            UUID id = contactId(0, 1 + (int) ((long) i * BIG / GET_IDS) + 7);
            paths.add("/api/v1/contacts/" + id);
            getVars.put("id" + i, id.toString());
        }
        all.put("get", new Scenario("get", paths, List.of(SET_TENANT, getSql(columns)), getVars, "big"));
        return all;
    }

    static Map<String, String> vars(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], String.valueOf(kv[i + 1]));
        return m;
    }

    /** The pgbench variables bound to the ?s of a statement, in order (tenant statement: tenant and empty user). */
    static List<String> binds(String scenario, String sql, int getIndex) {
        if (sql.equals(SET_TENANT)) return List.of("t", ""); // "" = the empty user id, as a literal (pgbench has no empty variables)
        if (sql.equals(SET_TRGM)) return List.of();
        return switch (scenario) {
            case "list-first" -> List.of("t", "l");
            case "list-deep" -> List.of("t", "ts", "id", "l");
            case "search-100k", "search-1k" ->
                List.of("tsq", "q", "t", "t", "q", "q", "l", "l", "o");
            case "get" -> List.of("id" + getIndex);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    static String bind(String sql, List<String> names) {
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                String name = names.get(k++);
                out.append(name.isEmpty() ? "''" : ":" + name);
            } else {
                out.append(c);
            }
        }
        if (k != names.size()) throw new IllegalStateException("binds " + names + " do not fit " + sql);
        return out.toString();
    }

    // ---------------------------------------------------------------- pgbench

    static final class Pgbench {
        final String exe;
        final int port;
        final Path dir;
        int runs;

        Pgbench(String exe, int port, Path dir) {
            this.exe = exe;
            this.port = port;
            this.dir = dir;
        }

        /** Writes the scenario's scripts: BEGIN READ ONLY (as the app's read-only transactions), statements, COMMIT. */
        List<String> scripts(Scenario sc) throws IOException {
            List<String> files = new ArrayList<>();
            int n = sc.name().equals("get") ? GET_IDS : 1;
            for (int i = 0; i < n; i++) {
                StringBuilder s = new StringBuilder("begin read only;\n");
                for (String sql : sc.script()) s.append(bind(sql, binds(sc.name(), sql, i))).append(";\n");
                s.append("commit;\n");
                Path f = dir.resolve(sc.name() + "-" + i + ".sql");
                Files.writeString(f, s);
                files.add(f.toString());
            }
            return files;
        }

        Result run(Scenario sc, int clients, int seconds) throws Exception {
            return run(sc, clients, List.of("-T", String.valueOf(seconds)), seconds);
        }

        Result run(Scenario sc, int clients, List<String> duration, int seconds) throws Exception {
            String prefix = dir.resolve("log" + (++runs)).toString();
            List<String> cmd = new ArrayList<>(List.of(exe, "-h", "localhost", "-p", String.valueOf(port), "-U", APP_ROLE,
                    "-n", "-M", "prepared", "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                    "-l", "--log-prefix=" + prefix));
            cmd.addAll(duration);
            for (var v : sc.vars().entrySet()) cmd.addAll(List.of("-D", v.getKey() + "=" + v.getValue()));
            for (String f : scripts(sc)) cmd.addAll(List.of("-f", f));
            cmd.add("postgres");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", APP_PASSWORD);
            // the app pool's connection init: set plan_cache_mode = force_generic_plan (ADR 1)
            pb.environment().put("PGOPTIONS", "-c plan_cache_mode=force_generic_plan");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || out.contains("aborted") || out.contains("ERROR")) {
                throw new IllegalStateException("pgbench failed: " + String.join(" ", cmd) + "\n" + out);
            }
            Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
            List<Long> micros = new ArrayList<>();
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("log" + runs + ".")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String[] parts = line.split(" ");
                        micros.add(Long.parseLong(parts[2]));
                    }
                    Files.delete(f);
                }
            }
            double tps = m.find() ? Double.parseDouble(m.group(1)) : micros.size() / (double) seconds;
            return new Result(tps, micros, 0);
        }
    }

    // ---------------------------------------------------------------- HTTP side

    static Result runApp(HttpClient client, String base, String key, Scenario sc, int clients, int seconds)
            throws Exception {
        List<HttpRequest> requests = sc.paths().stream()
                .map(p -> HttpRequest.newBuilder(URI.create(base + p)).header("Authorization", "Bearer " + key).build())
                .toList();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
                        long t = System.nanoTime();
                        var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            // e.g. 500 when the pool had no connection for 30 s: counted, not in throughput/latency
                            if (errors.getAndIncrement() == 0 && response.statusCode() < 500) {
                                throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
                            }
                            continue;
                        }
                        micros.add((System.nanoTime() - t) / 1000);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        for (var f : futures) f.get(); // a failed request fails the bench
        return new Result(done.get() / ((System.nanoTime() - start) / 1e9), micros, errors.get());
    }

    static String get(HttpClient client, String base, String key, String path) throws Exception {
        var response = client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(response.statusCode() + " " + response.body());
        return response.body();
    }

    /** Signs up (a new user and workspace) and creates a read key, as an admin would. */
    static String createKey(String base, String email, String workspace) throws Exception {
        var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        post(http, cookies, base, "/api/v1/auth/signup", "{\"email\":\"" + email
                + "\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\",\"workspaceName\":\"" + workspace + "\"}");
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

    // ---------------------------------------------------------------- same SQL? and plans

    /**
     * One app request and one pgbench transaction per scenario, each after a pg_stat_statements reset: every
     * statement pgbench runs must be one the app ran (texts compared as pg_stat_statements normalises them, $n
     * numbering aside). Prints the app's other statements (authentication etc.), which pgbench does not run.
     */
    static void verifySameSql(Connection owner, HttpClient http, String base, Map<String, String> keys, Pgbench bench,
            Map<String, Scenario> scenarios) throws Exception {
        System.out.println("\nStatements per request (pg_stat_statements, role " + APP_ROLE + "):");
        for (Scenario sc : scenarios.values()) {
            for (int i = 0; i < 6; i++) get(http, base, keys.get(sc.workspace()), sc.paths().get(0)); // past pgjdbc's prepareThreshold
            exec(owner, "select pg_stat_statements_reset()");
            get(http, base, keys.get(sc.workspace()), sc.paths().get(0));
            Map<String, Long> app = statements(owner);
            exec(owner, "select pg_stat_statements_reset()");
            bench.run(new Scenario(sc.name(), sc.paths(), sc.script(), sc.vars(), sc.workspace()), 1, List.of("-t", "1"), 1);
            Map<String, Long> pgb = statements(owner);
            Set<String> missing = new LinkedHashSet<>(pgb.keySet());
            missing.removeAll(app.keySet());
            System.out.printf("  %s: app %d statements, pgbench %d; pgbench's all among the app's: %s%n", sc.name(),
                    app.values().stream().mapToLong(Long::longValue).sum(), pgb.values().stream().mapToLong(Long::longValue).sum(),
                    missing.isEmpty() ? "yes" : "NO " + missing);
            for (var e : app.entrySet()) {
                System.out.printf("      %s %dx %s%n", pgb.containsKey(e.getKey()) ? "=" : "+", e.getValue(), abbreviate(e.getKey()));
            }
        }
        System.out.println("  (= also in the pgbench script, + only the app)");
    }

    /** pg_stat_statements replaces constants with $n only in entries it creates at parse time: do it for both sides. */
    static String normalise(String sql) {
        return sql.replaceAll("'(?:[^']|'')*'", "\\$n")
                .replaceAll("(?i)\\b(true|false)\\b", "\\$n")
                .replaceAll("(?<![\\w$.])\\d+(\\.\\d+)?\\b", "\\$n")
                .replaceAll("\\$\\d+", "\\$n")
                .replaceAll("\\s+", " ")
                .strip()
                .toLowerCase(java.util.Locale.ROOT);
    }

    static String abbreviate(String sql) {
        return sql.length() > 150 ? sql.substring(0, 70) + " … " + sql.substring(sql.length() - 75) : sql;
    }

    static Map<String, Long> statements(Connection owner) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (ResultSet rs = owner.createStatement().executeQuery("""
                select s.query, s.calls from pg_stat_statements s join pg_roles r on r.oid = s.userid
                where r.rolname = '%s' order by s.calls desc, s.query""".formatted(APP_ROLE))) {
            while (rs.next()) {
                String q = normalise(rs.getString(1));
                if (q.matches("(begin|commit).*")) continue; // transaction control: both sides, counted differently
                m.merge(q, rs.getLong(2), Long::sum);
            }
        }
        return m;
    }

    /** EXPLAIN ANALYZE of each scenario's query as the app role, generic plan, tenant set as the app does. */
    static void explainAll(String url, String columns, UUID big, UUID small, Map<String, Scenario> scenarios)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, APP_ROLE, APP_PASSWORD)) {
            exec(c, "set plan_cache_mode = force_generic_plan");
            for (Scenario sc : scenarios.values()) {
                String sql = sc.script().getLast();
                List<String> names = binds(sc.name(), sql, 0);
                StringBuilder prepared = new StringBuilder();
                int k = 0;
                for (char ch : sql.toCharArray()) prepared.append(ch == '?' ? "$" + (++k) : String.valueOf(ch));
                c.setAutoCommit(false);
                exec(c, "select set_config('app.tenant_id', '" + sc.vars().get("t") + "', true)");
                if (sc.script().contains(SET_TRGM)) exec(c, SET_TRGM);
                exec(c, "prepare bench_q as " + prepared);
                StringBuilder args = new StringBuilder();
                for (String n : names) args.append(args.isEmpty() ? "" : ", ").append('\'').append(sc.vars().getOrDefault(n, "").replace("'", "''")).append('\'');
                exec(c, "execute bench_q(" + args + ")"); // warm
                System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) " + sc.name() + " (generic plan, app role, RLS):");
                try (ResultSet rs = c.createStatement().executeQuery("explain (analyze, buffers) execute bench_q(" + args + ")")) {
                    while (rs.next()) System.out.println("  " + rs.getString(1));
                }
                exec(c, "deallocate bench_q");
                c.commit();
            }
        }
    }

    /**
     * -Dmode=explain: how the search query behaves in both workspaces with the app's generic plan and with a custom
     * plan (what a transaction-local plan_cache_mode = force_custom_plan would give), and what it has to rank.
     */
    static void searchExperiments(Connection owner, String url, String columns, UUID big, UUID small) throws SQLException {
        String tsq = io.crmflow.records.SearchTerms.prefixQuery(Q);
        String ql = Q.toLowerCase(java.util.Locale.ROOT);
        for (UUID t : List.of(big, small)) {
            exec(owner, "set pg_trgm.word_similarity_threshold = 0.4");
            try (ResultSet rs = owner.createStatement().executeQuery("select 0,"
                    + " count(*), count(*) filter (where search @@ to_tsquery('simple', '" + tsq.replace("'", "''") + "')),"
                    + " count(*) filter (where '" + ql + "' <% search_text) from contacts where tenant_id = '" + t + "' and deleted_at is null")) {
                rs.next();
                System.out.printf("%nworkspace %s: %d contacts, %d match the prefix tsquery %s, %d match '%s' <%% search_text%n",
                        t.equals(big) ? "100k" : "1k", rs.getLong(2), rs.getLong(3), tsq, rs.getLong(4), ql);
            }
        }
        String sql = searchSql(columns);
        StringBuilder prepared = new StringBuilder();
        int k = 0;
        for (char ch : sql.toCharArray()) prepared.append(ch == '?' ? "$" + (++k) : String.valueOf(ch));
        Map<String, String> variants = new LinkedHashMap<>(); // label -> plan_cache_mode
        variants.put("generic plan (app today)", "force_generic_plan");
        variants.put("custom plan", "force_custom_plan");
        try (Connection c = DriverManager.getConnection(url, APP_ROLE, APP_PASSWORD)) {
            c.setAutoCommit(false);
            runVariants(c, prepared.toString(), variants, tsq, ql, big, small, true);
        }
        if (Boolean.getBoolean("gist")) {
            // what a GiST trigram index would allow: the typo branch ranked by the index (KNN on word similarity
            // distance), so only the best rows are fetched instead of every match being scored
            long t0 = System.nanoTime();
            exec(owner, "set maintenance_work_mem = '1GB'");
            exec(owner, "create extension if not exists btree_gist");
            exec(owner, "create index bench_contacts_trgm_gist on contacts using gist (tenant_id, search_text gist_trgm_ops) where deleted_at is null");
            exec(owner, "analyze contacts");
            System.out.printf("%nbuilt gist (tenant_id, search_text gist_trgm_ops) in %.0f s, %s%n", (System.nanoTime() - t0) / 1e9,
                    one(owner, "select pg_size_pretty(pg_relation_size('bench_contacts_trgm_gist'))"));
            String knn = "select " + columns + ", word_similarity($2, r.search_text) as score from contacts r"
                    + " where r.tenant_id = $3 and r.deleted_at is null and $2 <% r.search_text"
                    + " order by $2 <<-> r.search_text limit $6 offset $7";
            try (Connection c = DriverManager.getConnection(url, APP_ROLE, APP_PASSWORD)) {
                c.setAutoCommit(false);
                runVariants(c, knn, Map.of("trigram branch only, KNN on the GiST index (generic plan)", "force_generic_plan",
                        "trigram branch only, KNN on the GiST index (custom plan)", "force_custom_plan"), tsq, ql, big, small, true);
                // the proposed rewrite: rank only the best candidates of each branch (prefix via GIN, typo via KNN)
                String union = "select " + columns + ", ts_rank(r.search, to_tsquery('simple', $1)) + word_similarity($2, r.search_text) as score"
                        + " from contacts r where r.tenant_id = $3 and r.deleted_at is null and r.id in ("
                        + "(select p.id from contacts p where p.tenant_id = $3 and p.deleted_at is null and p.search @@ to_tsquery('simple', $1)"
                        + " order by ts_rank(p.search, to_tsquery('simple', $1)) + word_similarity($2, p.search_text) desc, p.id limit $6 + $7)"
                        + " union (select g.id from contacts g where g.tenant_id = $3 and g.deleted_at is null and $2 <% g.search_text"
                        + " order by $2 <<-> g.search_text limit $6 + $7)) order by score desc, r.id limit $6 offset $7";
                Map<String, String> rewrite = new LinkedHashMap<>();
                rewrite.put("proposed rewrite (prefix branch + KNN typo branch), generic plan", "force_generic_plan");
                rewrite.put("proposed rewrite (prefix branch + KNN typo branch), custom plan", "force_custom_plan");
                runVariants(c, union, rewrite, tsq, ql, big, small, true);
                for (UUID t : List.of(big, small)) {
                    // rows with equal scores may differ (each side breaks ties its own way), so compare the scores
                    System.out.printf("%nsame scores on the first page as the app's query in the %s workspace: %s%n",
                            t.equals(big) ? "100k" : "1k",
                            scores(c, prepared.toString(), tsq, ql, t).equals(scores(c, union, tsq, ql, t)) ? "yes" : "NO");
                }
                // the prefix branch never uses the (tenant_id, search) GIN: its tenant key costs as much as the
                // tenant-only btree_gin scans. A GIN on search alone (prefix posting lists are small) instead:
                long t1 = System.nanoTime();
                exec(owner, "create index bench_contacts_search_plain on contacts using gin (search) where deleted_at is null");
                exec(owner, "analyze contacts");
                System.out.printf("%nbuilt gin (search) where deleted_at is null in %.0f s, %s%n", (System.nanoTime() - t1) / 1e9,
                        one(owner, "select pg_size_pretty(pg_relation_size('bench_contacts_search_plain'))"));
                Map<String, String> rewrite2 = new LinkedHashMap<>();
                rewrite2.put("proposed rewrite, plain GIN on search present, generic plan", "force_generic_plan");
                rewrite2.put("proposed rewrite, plain GIN on search present, custom plan", "force_custom_plan");
                runVariants(c, union, rewrite2, tsq, ql, big, small, true);
                String jo = "select " + columns + " from contacts r where r.tenant_id = $3 and r.deleted_at is null"
                        + " and r.search @@ to_tsquery('simple', $1) order by ts_rank(r.search, to_tsquery('simple', $1)) desc, r.id limit $6 offset $7";
                runVariants(c, jo, Map.of("prefix branch alone, plain GIN present, custom plan", "force_custom_plan"), tsq, ql, big, small, true);
                exec(owner, "drop index bench_contacts_search_plain");
                // and the app's query with the GiST index present (does the custom plan still choose the GINs?)
                runVariants(c, prepared.toString(), Map.of("app query, custom plan, GiST present", "force_custom_plan"), tsq, ql, big, small, true);
            }
            exec(owner, "drop index bench_contacts_trgm_gist");
        }
    }

    static List<String> scores(Connection c, String prepared, String tsq, String ql, UUID t) throws SQLException {
        exec(c, "set plan_cache_mode = force_custom_plan");
        exec(c, "select set_config('app.tenant_id', '" + t + "', true)");
        exec(c, SET_TRGM);
        exec(c, "prepare bench_ids(text, text, uuid, text, text, bigint, bigint) as " + prepared);
        List<String> ids = new ArrayList<>();
        String q = tsq.replace("'", "''");
        try (ResultSet rs = c.createStatement().executeQuery("execute bench_ids('" + q + "', '" + ql + "', '" + t + "', '" + q
                + "', '" + ql + "', 51, 0)")) {
            while (rs.next()) ids.add(String.format("%.5f", rs.getDouble("score")));
        }
        exec(c, "deallocate bench_ids");
        c.commit();
        return ids;
    }

    static String one(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void runVariants(Connection c, String prepared, Map<String, String> variants, String tsq, String ql, UUID big,
            UUID small, boolean plans) throws SQLException {
        {
            for (var v : variants.entrySet()) {
                for (UUID t : List.of(big, small)) {
                    String args = String.join(", ", "'" + tsq.replace("'", "''") + "'", "'" + ql + "'", "'" + t + "'",
                            "'" + tsq.replace("'", "''") + "'", "'" + ql + "'", "51", "0");
                    exec(c, "set plan_cache_mode = " + v.getValue());
                    exec(c, "prepare bench_s(text, text, uuid, text, text, bigint, bigint) as " + prepared);
                    List<Double> ms = new ArrayList<>();
                    long began = System.nanoTime();
                    for (int i = 0; i < 25 && (i < 5 || System.nanoTime() - began < 20_000_000_000L); i++) {
                        exec(c, "select set_config('app.tenant_id', '" + t + "', true)");
                        exec(c, SET_TRGM);
                        long s0 = System.nanoTime();
                        exec(c, "execute bench_s(" + args + ")");
                        ms.add((System.nanoTime() - s0) / 1e6);
                        c.commit();
                    }
                    exec(c, "select set_config('app.tenant_id', '" + t + "', true)");
                    exec(c, SET_TRGM);
                    System.out.printf("%nsearch %s in the %s workspace: median %.1f ms, max %.1f ms over %d runs (one client)%n",
                            v.getKey(), t.equals(big) ? "100k" : "1k", median(ms), Collections.max(ms), ms.size());
                    try (ResultSet rs = c.createStatement().executeQuery("explain (analyze, buffers) execute bench_s(" + args + ")")) {
                        while (rs.next()) System.out.println("  " + rs.getString(1));
                    }
                    c.commit();
                    exec(c, "deallocate bench_s");
                    c.commit();
                }
            }
        }
    }

    // ---------------------------------------------------------------- CPU accounting (Linux /proc)

    /**
     * CPU seconds spent so far by: this JVM (the app and the HTTP load generator), its reaped children (pgbench runs),
     * and PostgreSQL (the postmaster, its live children and the children it has reaped: exited backends count too).
     */
    record Cpu(double jvm, double children, double postgres) {
        Cpu minus(Cpu o) {
            return new Cpu(jvm - o.jvm, children - o.children, postgres - o.postgres);
        }
    }

    static final double TICK = 100.0; // USER_HZ
    static long postmaster = -1;

    static long[] stat(long pid) {
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            // fields after the name start at 3 (state): utime 14, stime 15, cutime 16, cstime 17, ppid 4
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void findPostmaster(Path dataDir) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains(dataDir.toString()) && cmd.contains("postgres") && !cmd.contains("java")) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        long[] st = stat(pid);
                        if (st != null && (postmaster < 0 || pid < postmaster)) postmaster = pid;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone
                }
            }
        } catch (IOException e) {
            postmaster = -1;
        }
    }

    /** After a run: give exiting backends a moment to be reaped, so their CPU is counted. */
    static Cpu settledCpu() throws InterruptedException {
        Thread.sleep(300);
        return cpu();
    }

    static Cpu cpu() {
        long[] self = stat(ProcessHandle.current().pid());
        double pgTicks = 0;
        if (postmaster > 0) {
            long[] pm = stat(postmaster);
            if (pm != null) pgTicks += pm[0] + pm[1] + pm[2] + pm[3];
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    long[] st = stat(Long.parseLong(p.getFileName().toString()));
                    if (st != null && st[4] == postmaster) pgTicks += st[0] + st[1];
                }
            } catch (IOException ignored) {
                // no /proc
            }
        }
        return self == null ? new Cpu(0, 0, 0) : new Cpu((self[0] + self[1]) / TICK, (self[2] + self[3]) / TICK, pgTicks / TICK);
    }

    // ---------------------------------------------------------------- stats

    static double pct(List<Long> micros, int p) {
        if (micros.isEmpty()) return Double.NaN;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))) / 1000.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.2f", v)).toList());
    }
}
