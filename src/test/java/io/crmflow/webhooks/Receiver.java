package io.crmflow.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook receiver (JDK HttpServer on 127.0.0.1): records every request, fails the first few if told. */
final class Receiver implements AutoCloseable {

    record Received(String body, String signature, String eventId) {}

    final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final HttpServer server;

    Receiver(int failFirst) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Received(
                    body,
                    exchange.getRequestHeaders().getFirst("CRMFlow-Signature"),
                    exchange.getRequestHeaders().getFirst("CRMFlow-Event-Id")));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
