package org.pgmigrate.testkit.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A remote Maven repository on loopback serving the files a test puts in it, and recording what was asked. */
final class FakeRepository implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    FakeRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/maven2/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/maven2/".length());
            requested.add(path);
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/maven2");
    }

    void put(String path, byte[] body) {
        files.put(path, body);
    }

    /** The paths asked for, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
