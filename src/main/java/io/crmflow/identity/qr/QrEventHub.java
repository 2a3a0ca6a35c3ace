package io.crmflow.identity.qr;

import io.crmflow.platform.notify.PgNotifications;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Holds this node's open desktop connections (SSE) by QR session and pushes each state change to them. Changes
 * reach every node through PostgreSQL NOTIFY, so the phone and the desktop may talk to different nodes.
 */
@Component
public class QrEventHub {

    private static final Logger log = LoggerFactory.getLogger(QrEventHub.class);

    private final QrSignIn qr;
    private final Clock clock;
    private final Map<UUID, List<SseEmitter>> desktops = new ConcurrentHashMap<>();

    QrEventHub(QrSignIn qr, PgNotifications notifications, Clock clock) {
        this.qr = qr;
        this.clock = clock;
        notifications.subscribe(QrSignIn.CHANNEL, payload -> push(UUID.fromString(payload)));
    }

    /** Opens the event stream of a desktop that proved it holds the session's secret; sends the state at once. */
    public SseEmitter connect(QrSignIn.Status status) {
        long timeout = Math.max(
                1000, Duration.between(Instant.now(clock), status.expiresAt()).toMillis() + 2000);
        SseEmitter emitter = new SseEmitter(timeout);
        List<SseEmitter> list = desktops.computeIfAbsent(status.id(), id -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> {
            list.remove(emitter);
            desktops.computeIfPresent(status.id(), (id, l) -> l.isEmpty() ? null : l);
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(() -> {
            send(emitter, new QrSignIn.Status(status.id(), QrState.EXPIRED, null, status.expiresAt()));
            emitter.complete();
        });
        emitter.onError(e -> remove.run());
        send(emitter, status);
        return emitter;
    }

    /** Number of desktops connected on this node (for tests and metrics). */
    public int connected(UUID sessionId) {
        return desktops.getOrDefault(sessionId, List.of()).size();
    }

    private void push(UUID sessionId) {
        List<SseEmitter> emitters = desktops.get(sessionId);
        if (emitters == null || emitters.isEmpty()) {
            return;
        }
        QrSignIn.Status status = qr.statusOf(sessionId);
        for (SseEmitter emitter : emitters) {
            send(emitter, status);
        }
    }

    private void send(SseEmitter emitter, QrSignIn.Status status) {
        try {
            var data = status.matchNumber() == null
                    ? Map.of("state", status.state().name())
                    : Map.of("state", status.state().name(), "matchNumber", status.matchNumber());
            emitter.send(SseEmitter.event()
                    .name(status.state().name().toLowerCase())
                    .data(data, MediaType.APPLICATION_JSON));
            if (status.state() != QrState.PENDING
                    && status.state() != QrState.SCANNED
                    && status.state() != QrState.APPROVED) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Desktop connection closed: {}", e.getMessage());
            emitter.completeWithError(e);
        }
    }

    /** Closes every desktop stream when the node stops, so graceful shutdown need not wait for them (they reconnect). */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        desktops.values().forEach(list -> list.forEach(SseEmitter::complete));
        desktops.clear();
    }

    /** Sweeps connections of sessions that expired while nobody changed them. */
    @Scheduled(fixedDelay = 5000)
    void expireIdle() {
        for (UUID id : desktops.keySet()) {
            QrSignIn.Status status = qr.statusOf(id);
            if (status.state() == QrState.EXPIRED) {
                desktops.getOrDefault(id, List.of()).forEach(e -> send(e, status));
            }
        }
    }
}
