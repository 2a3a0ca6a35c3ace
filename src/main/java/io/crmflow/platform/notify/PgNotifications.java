package io.crmflow.platform.notify;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signals between app nodes through PostgreSQL: {@link #publish} sends {@code NOTIFY} in the caller's transaction
 * (delivered at commit, dropped on rollback); every node keeps one dedicated connection {@code LISTEN}ing and hands
 * payloads to local subscribers. Payloads are ids, never secrets: anyone who can LISTEN may read them.
 */
@Component
public class PgNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;

    PgNotifications(HikariDataSource pool, JdbcClient jdbc) {
        this.pool = pool;
        this.jdbc = jdbc;
    }

    /** Queues a notification; it reaches every node's subscribers when the current transaction commits. */
    public void publish(String channel, String payload) {
        jdbc.sql("select pg_notify(?, ?)")
                .params(channel, payload)
                .query((rs, n) -> null)
                .list();
    }

    /** Calls the consumer, on the listener thread, for every payload on the channel from any node. */
    public void subscribe(String channel, Consumer<String> consumer) {
        if (!channel.matches("[a-z_]{1,60}")) {
            throw new IllegalArgumentException("channel names are lower-case words: " + channel);
        }
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(consumer);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("pg-listen").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True once the listener connection is up and listening on the channel (tests wait for it). */
    public boolean isListening(String channel) {
        return listening.contains(channel);
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection =
                    DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening.clear();
                while (running) {
                    listenToNewChannels(connection);
                    var notifications = pg.getNotifications(250);
                    if (notifications != null) {
                        for (var notification : notifications) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening.clear();
                if (running) {
                    log.warn("LISTEN connection lost, reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void listenToNewChannels(Connection connection) throws SQLException {
        for (String channel : subscribers.keySet()) {
            if (!listening.contains(channel)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + channel);
                }
                listening.add(channel);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> consumer : subscribers.getOrDefault(channel, List.of())) {
            try {
                consumer.accept(payload);
            } catch (RuntimeException e) {
                log.warn("Subscriber of {} failed", channel, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
