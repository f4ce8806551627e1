package org.pgmigrate.engine.internal.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a run's status with the JDK's HTTP server: the page at {@code /}, the JSON at
 * {@code /status.json}; GET only. One thread of its own answers, so a busy poller cannot take
 * the run's workers.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI page;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.page = URI.create("http://" + host + ":" + bound.getPort() + "/");
    }

    /**
     * Listens on {@code address} for {@code tracker}'s status.
     *
     * @throws PgMigrateException ({@link ErrorKind#INVALID_REQUEST}) when it cannot listen there
     */
    public static StatusServer start(InetSocketAddress address, StatusTracker tracker) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException | RuntimeException e) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "The status page cannot listen on " + address.getHostString() + ":"
                    + address.getPort() + " (" + e.getMessage() + "): choose another port, or 0 for any free one.", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgmigrate-status");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, tracker, "/", "text/html; charset=utf-8",
                status -> StatusPage.of(status, tracker.result())));
        server.createContext("/status.json", exchange -> answer(exchange, tracker, "/status.json", "application/json", StatusJson::of));
        server.start();
        StatusServer started = new StatusServer(server, executor);
        LOG.info("Status page: {} (JSON: {}status.json)", started.page, started.page);
        return started;
    }

    public URI page() {
        return page;
    }

    private static void answer(HttpExchange exchange, StatusTracker tracker, String path, String type,
            Function<RunStatus, String> render) throws IOException {
        try (exchange) {
            int code;
            byte[] body;
            if (!exchange.getRequestURI().getPath().equals(path)) {
                code = 404;
                body = "Not found: the status is at / and /status.json\n".getBytes(StandardCharsets.UTF_8);
                type = "text/plain; charset=utf-8";
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                code = 405;
                body = "Only GET\n".getBytes(StandardCharsets.UTF_8);
                type = "text/plain; charset=utf-8";
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            } else {
                code = 200;
                body = render.apply(tracker.status()).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(code, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Stops listening at once; a request being answered is cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
