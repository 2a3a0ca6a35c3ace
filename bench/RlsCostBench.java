import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * RLS cost: the audit log's list query (the app's own SQL, with its join to users) walked page by page (keyset, 50 rows a page) over 100 000 rows of one
 * workspace, as the app role under row level security (tenant set per transaction, exactly as the app does) versus
 * a BYPASSRLS role running the same SQL with an explicit tenant filter. Both walk in lockstep, page by page. The
 * main figure is PostgreSQL's own planning + execution time of the two queries (pg_stat_statements), which the
 * machine's noise barely touches; client wall-clock ratios are printed beside it. Medians of the rounds. Run: bench/rls-cost.sh (see bench/README.md).
 */
public class RlsCostBench {

    static final int ROWS_PER_TENANT = Integer.getInteger("rows", 100_000);
    static final int OTHER_TENANTS = Integer.getInteger("otherTenants", 9);
    static final int ROUNDS = Integer.getInteger("rounds", 15);
    static final int PAGE = 50;

    /** The app's audit list query (AuditEvents.list, no filters, after a cursor): RLS adds the tenant. */
    static final String RLS_QUERY = """
            select e.id, e.occurred_at, e.actor_user_id, u.email, e.action, e.entity_type, e.entity_id,
                   e.changes::text as changes, e.ip, e.user_agent, e.request_id
            from audit_events e left join users u on u.id = e.actor_user_id
            where true and (e.occurred_at, e.id) < (?, ?)
            order by e.occurred_at desc, e.id desc limit ?
            """;
    /** The same query with the tenant filter written out, for the BYPASSRLS role. */
    static final String BYPASS_QUERY = """
            select e.id, e.occurred_at, e.actor_user_id, u.email, e.action, e.entity_type, e.entity_id,
                   e.changes::text as changes, e.ip, e.user_agent, e.request_id
            from audit_events e left join users u on u.id = e.actor_user_id
            where e.tenant_id = ? and (e.occurred_at, e.id) < (?, ?)
            order by e.occurred_at desc, e.id desc limit ?
            """;

    public static void main(String[] args) throws Exception {
        // always a throw-away embedded server: the bench truncates and reseeds tables
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("crmflow-bench-"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("max_wal_size", "2GB")
                .start();
        String url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
        String owner = "postgres";
        try (Connection admin = DriverManager.getConnection(url, owner, null)) {
            prepare(admin, url, owner);
            UUID tenant = seed(admin);
            // both sides run as the app's pool does (CRMFLOW_DATABASE_PLAN_CACHE_MODE, default force_generic_plan)
            String planCacheMode = System.getProperty("planCacheMode", "force_generic_plan");
            String connectionUrl = url + "?options=-c%20plan_cache_mode%3D" + planCacheMode + System.getProperty("urlOptions", "");
            try (Connection app = DriverManager.getConnection(connectionUrl, "crmflow_bench_app", "bench");
                    Connection bypass = DriverManager.getConnection(connectionUrl, "crmflow_bench_bypass", "bench")) {
                app.setAutoCommit(false);
                bypass.setAutoCommit(false);
                System.out.println("plan, app role with RLS:\n" + plan(app, tenant, true));
                System.out.println("plan, BYPASSRLS role:\n" + plan(bypass, tenant, false));
                lockstep(app, bypass, tenant, false); // warm-up
                List<Double> policyRatios = new ArrayList<>();
                List<Double> serverEndToEndRatios = new ArrayList<>();
                List<Double> clientRatios = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    try (var reset = admin.createStatement()) {
                        reset.execute("select pg_stat_statements_reset()");
                    }
                    long[] client = lockstep(app, bypass, tenant, false);
                    ServerTime server = serverTime(admin);
                    if (round == 0) {
                        printStatements(admin);
                    }
                    double policy = server.rlsQuery / server.bypassQuery;
                    double endToEnd = (server.rlsQuery + server.rlsSetConfig) / server.bypassQuery;
                    double wall = (double) client[0] / client[1];
                    policyRatios.add(policy);
                    serverEndToEndRatios.add(endToEnd);
                    clientRatios.add(wall);
                    System.out.printf(
                            "round %2d: server time of the list query: RLS %6.1f ms, BYPASSRLS %6.1f ms -> %.3f;"
                                    + " with set_config %.3f | client wall clock: RLS %6.1f ms, BYPASSRLS %6.1f ms -> %.3f%n",
                            round + 1, server.rlsQuery, server.bypassQuery, policy, endToEnd, client[0] / 1e6,
                            client[1] / 1e6, wall);
                }
                System.out.printf("%nWalked %d rows of one workspace (%d pages of %d) among %d workspaces, %d rounds, medians:%n",
                        ROWS_PER_TENANT, ROWS_PER_TENANT / PAGE, PAGE, OTHER_TENANTS + 1, ROUNDS);
                System.out.printf("  RLS cost, PostgreSQL time (plan + execute) of the same list query:  ratio %.3f (target <= 1.03)%n",
                        median(policyRatios));
                System.out.printf("  same, adding the app's per-transaction set_config statement:        ratio %.3f%n",
                        median(serverEndToEndRatios));
                System.out.printf("  client wall clock incl. round trips (noisy on a shared machine):     ratio %.3f%n",
                        median(clientRatios));
            }
        } finally {
            embedded.close();
        }
    }

    /** Migrates with the app's own Flyway scripts and makes the two roles. */
    static void prepare(Connection admin, String url, String owner) throws SQLException {
        try (var s = admin.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("drop role if exists crmflow_bench_bypass");
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'crmflow_bench_app') then "
                    + "create role crmflow_bench_app login password 'bench' nobypassrls; end if; end $$");
        }
        Flyway.configure()
                .dataSource(url, owner, null)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", "crmflow_bench_app"))
                .cleanDisabled(false)
                .load()
                .migrate();
        try (var s = admin.createStatement()) {
            s.execute("create role crmflow_bench_bypass login password 'bench' bypassrls in role crmflow_bench_app");
        }
    }

    static UUID seed(Connection admin) throws SQLException {
        UUID target = UUID.randomUUID();
        List<UUID> tenants = new ArrayList<>(List.of(target));
        for (int i = 0; i < OTHER_TENANTS; i++) tenants.add(UUID.randomUUID());
        try (var s = admin.createStatement()) {
            s.execute("truncate audit_events, memberships, invitations, users cascade");
        }
        try (PreparedStatement w = admin.prepareStatement("insert into workspaces (id, name, slug, created_at) values (?, ?, ?, now())")) {
            for (UUID t : tenants) {
                w.setObject(1, t);
                w.setString(2, "bench");
                w.setString(3, "bench-" + t);
                w.addBatch();
            }
            w.executeBatch();
        }
        try (var s = admin.createStatement()) {
            s.execute("""
                    insert into users (id, email, name, password_hash, created_at, updated_at)
                    select gen_random_uuid(), 'bench-' || g || '@example.com', 'Bench ' || g, 'x', now(), now()
                    from generate_series(1, 50) g
                    """);
        }
        try (PreparedStatement insert = admin.prepareStatement("""
                insert into audit_events (tenant_id, id, occurred_at, actor_user_id, action, entity_type, entity_id,
                                          changes, ip, user_agent, request_id)
                select ?, gen_random_uuid(), ?::timestamptz - make_interval(secs => g),
                       (select id from users order by email offset (g % 50) limit 1),
                       'contact.updated', 'contact', g::text, '{"name":{"before":"a","after":"b"}}'::jsonb,
                       '10.0.0.1', 'Mozilla/5.0 (bench)', md5(g::text)
                from generate_series(1, ?) g
                """)) {
            for (UUID t : tenants) {
                insert.setObject(1, t);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.setInt(3, ROWS_PER_TENANT);
                insert.execute();
            }
        }
        try (var s = admin.createStatement()) {
            s.execute("vacuum analyze audit_events");
        }
        System.out.printf("seeded %d rows in each of %d workspaces%n", ROWS_PER_TENANT, tenants.size());
        return target;
    }

    /** Milliseconds PostgreSQL spent planning and executing each side's statements since the last reset. */
    record ServerTime(double rlsQuery, double rlsSetConfig, double bypassQuery) {}

    static ServerTime serverTime(Connection admin) throws SQLException {
        double rlsQuery = 0;
        double rlsSetConfig = 0;
        double bypassQuery = 0;
        try (var rows = admin.createStatement().executeQuery("""
                select r.rolname, s.query, s.total_plan_time + s.total_exec_time
                from pg_stat_statements s join pg_roles r on r.oid = s.userid
                where r.rolname in ('crmflow_bench_app', 'crmflow_bench_bypass')
                """)) {
            while (rows.next()) {
                boolean app = rows.getString(1).equals("crmflow_bench_app");
                String query = rows.getString(2);
                double millis = rows.getDouble(3);
                if (query.contains("from audit_events")) {
                    if (app) rlsQuery += millis;
                    else bypassQuery += millis;
                } else if (query.contains("set_config") && app) {
                    rlsSetConfig += millis;
                }
            }
        }
        return new ServerTime(rlsQuery, rlsSetConfig, bypassQuery);
    }

    static void printStatements(Connection admin) throws SQLException {
        try (var rows = admin.createStatement().executeQuery("""
                select r.rolname, s.calls, s.plans, round(s.total_plan_time::numeric, 1), round(s.total_exec_time::numeric, 1),
                       left(regexp_replace(s.query, '\\s+', ' ', 'g'), 60)
                from pg_stat_statements s join pg_roles r on r.oid = s.userid
                where r.rolname in ('crmflow_bench_app', 'crmflow_bench_bypass') order by 1, 2 desc
                """)) {
            while (rows.next()) {
                System.out.printf("  %-22s calls %5d plans %5d plan %7s ms exec %7s ms  %s%n", rows.getString(1), rows.getLong(2),
                        rows.getLong(3), rows.getString(4), rows.getString(5), rows.getString(6));
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Walks every page of the workspace's list on both connections in lockstep, alternating which goes first, so
     * that machine noise hits both alike. One transaction per page, as one request would. With {@code bypassSetsTenant}
     * the BYPASSRLS side runs the very same set_config first (isolating the policy's cost); without, it skips it.
     * Returns nanoseconds {RLS, BYPASSRLS}.
     */
    static long[] lockstep(Connection app, Connection bypass, UUID tenant, boolean bypassSetsTenant) throws SQLException {
        Cursor rls = new Cursor(app, tenant, true, true);
        Cursor plain = new Cursor(bypass, tenant, false, bypassSetsTenant);
        boolean more = true;
        for (int page = 0; more; page++) {
            if (page % 2 == 0) {
                more = rls.next() & plain.next();
            } else {
                more = plain.next() & rls.next();
            }
        }
        if (rls.rows != ROWS_PER_TENANT || plain.rows != ROWS_PER_TENANT) {
            throw new IllegalStateException("walked " + rls.rows + " and " + plain.rows + " rows");
        }
        rls.close();
        plain.close();
        return new long[] {rls.nanos, plain.nanos};
    }

    /** One side's position in the list and its accumulated time. */
    static final class Cursor {
        final Connection connection;
        final UUID tenant;
        final boolean rls;
        final boolean setTenant;
        final PreparedStatement setConfig;
        final PreparedStatement query;
        Timestamp at = Timestamp.from(Instant.now().plusSeconds(3600));
        UUID id = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        int rows;
        long nanos;

        Cursor(Connection connection, UUID tenant, boolean rls, boolean setTenant) throws SQLException {
            this.connection = connection;
            this.tenant = tenant;
            this.rls = rls;
            this.setTenant = setTenant;
            this.setConfig = connection.prepareStatement(
                    "select set_config('app.tenant_id', ?, true), set_config('app.user_id', '', true)");
            this.query = connection.prepareStatement(rls ? RLS_QUERY : BYPASS_QUERY);
        }

        boolean next() throws SQLException {
            long start = System.nanoTime();
            if (setTenant) {
                setConfig.setString(1, tenant.toString());
                setConfig.execute();
            }
            int p = 1;
            if (!rls) {
                query.setObject(p++, tenant);
            }
            query.setTimestamp(p++, at);
            query.setObject(p++, id);
            query.setInt(p, PAGE);
            int onPage = 0;
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    onPage++;
                    id = result.getObject(1, UUID.class);
                    at = result.getTimestamp(2);
                    result.getString(7);
                }
            }
            connection.commit();
            nanos += System.nanoTime() - start;
            rows += onPage;
            return onPage == PAGE;
        }

        void close() throws SQLException {
            setConfig.close();
            query.close();
        }
    }

    static String plan(Connection connection, UUID tenant, boolean rls) throws SQLException {
        if (rls) {
            try (var s = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                s.setString(1, tenant.toString());
                s.execute();
            }
        }
        String sql = "explain " + (rls ? RLS_QUERY : BYPASS_QUERY.replace("e.tenant_id = ?", "e.tenant_id = '" + tenant + "'"));
        try (var s = connection.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            s.setObject(2, UUID.randomUUID());
            s.setInt(3, PAGE);
            StringBuilder out = new StringBuilder();
            try (var r = s.executeQuery()) {
                while (r.next()) out.append("  ").append(r.getString(1)).append('\n');
            }
            connection.commit();
            return out.toString();
        }
    }
}
