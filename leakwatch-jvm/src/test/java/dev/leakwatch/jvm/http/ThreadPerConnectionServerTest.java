package dev.leakwatch.jvm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadPerConnectionServerTest {
    private ThreadPerConnectionServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private ThreadPerConnectionServer start(ListenerSettings settings) throws IOException {
        server = ThreadPerConnectionServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, settings);
        server.createContext("/", respond(404, "none"));
        server.createContext("/hello", respond(200, "hello"));
        server.createContext("/hello/there", respond(200, "longest prefix"));
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("part " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        });
        server.createContext("/ignore-body", respond(200, "not read"));
        server.createContext("/throw", exchange -> {
            throw new IllegalStateException("boom");
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(200, "slow").handle(exchange);
        });
        server.start();
        return server;
    }

    private ThreadPerConnectionServer start() throws IOException {
        return start(ListenerSettings.defaults("leakwatch-test-http"));
    }

    private static HttpHandler respond(int status, String text) {
        return exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    private RawClient client() throws IOException {
        return new RawClient(server.getAddress());
    }

    @Test
    void servesSeveralRequestsOnOneConnection() throws Exception {
        start();
        try (RawClient c = client()) {
            for (int i = 0; i < 3; i++) {
                RawClient.Response r = c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello");
                assertThat(r.headers()).containsKey("Date").containsEntry("Content-Length", "5");
            }
        }
        assertThat(server.connectionsAccepted()).isEqualTo(1);
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void matchesTheLongestContextPrefixAndWorksWithTheJdkClient() throws Exception {
        start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/hello/there/x")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("longest prefix");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/chunked")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("part 0\npart 1\npart 2\n");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        start();
        try (RawClient c = client()) {
            c.send("GET /hello HTTP/1.1\r\n\r\nPOST /echo HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /hello/there HTTP/1.1\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("hello");
            assertThat(c.read().body()).isEqualTo("abc");
            assertThat(c.read().body()).isEqualTo("longest prefix");
        }
    }

    @Test
    void decodesAChunkedRequestBody() throws Exception {
        start();
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("hello, world");
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().body()).isEqualTo("hello");
        }
    }

    @Test
    void drainsAnUnreadBodyAndKeepsTheConnection() throws Exception {
        start();
        try (RawClient c = client()) {
            c.send("POST /ignore-body HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789");
            assertThat(c.read().body()).isEqualTo("not read");
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().body()).isEqualTo("hello");
        }
    }

    @Test
    void closesWhenAnUnreadBodyIsTooLargeToDrain() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-http").withMaxDrainBytes(4));
        try (RawClient c = client()) {
            c.send("POST /ignore-body HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789");
            assertThat(c.read().body()).isEqualTo("not read");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void headGetsNoBody() throws Exception {
        start();
        try (RawClient c = client()) {
            RawClient.Response r = c.send("HEAD /hello HTTP/1.1\r\n\r\n").read(true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().body()).as("no body bytes came between").isEqualTo("hello");
        }
    }

    @Test
    void sendsContinueWhenTheHandlerReadsTheBody() throws Exception {
        start();
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            c.send("ping");
            assertThat(c.read().body()).isEqualTo("ping");
        }
    }

    @Test
    void http10ClosesAfterTheResponseAndEndsAnUnsizedBodyByClosing() throws Exception {
        start();
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("hello");
            assertThat(r.headers()).containsEntry("Connection", "close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = client()) {
            RawClient.Response r = c.send("GET /chunked HTTP/1.0\r\n\r\n").read();
            assertThat(r.headers()).doesNotContainKey("Transfer-Encoding");
            assertThat(r.body()).isEqualTo("part 0\npart 1\npart 2\n");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        start();
        try (RawClient c = client()) {
            assertThat(c.send("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n").read().body()).isEqualTo("hello");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void answersHeadsOverTheLimitsAndCloses() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-http").withHeadLimits(128, 512, 4));
        try (RawClient c = client()) {
            assertThat(c.send("GET /" + "a".repeat(200) + " HTTP/1.1\r\n\r\n").read().status()).isEqualTo(414);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = client()) {
            assertThat(c.send("GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n").read().status()).isEqualTo(431);
        }
        try (RawClient c = client()) {
            assertThat(c.send("GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n").read().status())
                    .isEqualTo(400);
        }
        try (RawClient c = client()) {
            assertThat(c.send("GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").read().status()).isEqualTo(501);
        }
        assertThat(server.badRequests()).isEqualTo(4);
    }

    @Test
    void aHeadNotSentInTimeClosesTheConnection() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-http").withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30)));
        try (RawClient c = client()) {
            c.send("GET /hello HTTP/1.1\r\nHo");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.timeouts()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-http").withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        try (RawClient c = client()) {
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().body()).isEqualTo("hello");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.timeouts()).isZero();
    }

    @Test
    void refusesConnectionsBeyondTheCapWith503() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-http").withMaxConnections(1));
        try (RawClient first = client(); RawClient second = client()) {
            assertThat(first.send("GET /hello HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            RawClient.Response refused = second.read();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(second.closedByServer()).isTrue();
            assertThat(first.send("GET /hello HTTP/1.1\r\n\r\n").read().status()).as("the first is still served").isEqualTo(200);
        }
        assertThat(server.connectionsRefused()).isEqualTo(1);
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aHandlerThatThrowsGets500() throws Exception {
        start();
        try (RawClient c = client()) {
            assertThat(c.send("GET /throw HTTP/1.1\r\n\r\n").read().status()).isEqualTo(500);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = client()) {
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().status()).as("the server goes on").isEqualTo(200);
        }
    }

    @Test
    void runsTheContextsFilters() throws Exception {
        start();
        server.createContext("/filtered", respond(200, "filtered")).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                exchange.getResponseHeaders().set("X-Filter", "ran");
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "sets X-Filter";
            }
        });
        try (RawClient c = client()) {
            assertThat(c.send("GET /filtered HTTP/1.1\r\n\r\n").read().headers()).containsEntry("X-filter", "ran");
        }
    }

    @Test
    void stopReturnsWithinItsDelayWhileARequestHangs() throws Exception {
        start();
        RawClient c = client();
        c.send("GET /slow HTTP/1.1\r\n\r\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 1);

        long started = System.nanoTime();
        server.stop(1);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        server = null;

        assertThat(tookMillis).isBetween(900L, 3000L);
        assertThat(c.closedByServer()).isTrue();
        c.close();
    }

    @Test
    void stopReturnsAsSoonAsTheRequestsInFlightEnd() throws Exception {
        start();
        try (RawClient c = client(); RawClient idle = client()) {
            assertThat(idle.send("GET /hello HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            c.send("GET /slow HTTP/1.1\r\n\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 2);

            ThreadPerConnectionServer stopping = server;
            CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                stopping.stop(30);
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            });
            assertThat(idle.closedByServer()).as("a connection between requests closes at once").isTrue();
            release.countDown();

            RawClient.Response r = c.read();
            assertThat(r.body()).isEqualTo("slow");
            assertThat(r.headers()).containsEntry("Connection", "close");
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isLessThan(10_000L);
            server = null;
        }
    }

    @Test
    void itsThreadsAreNamedDaemonsAndEndWithIt() throws Exception {
        start(ListenerSettings.defaults("leakwatch-test-names"));
        try (RawClient c = client()) {
            assertThat(c.send("GET /hello HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(threads("leakwatch-test-names-")).contains("leakwatch-test-names-accept", "leakwatch-test-names-conn-1");
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("leakwatch-test-names-"))
                    .allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
        }
        server.stop(0);
        server = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> threads("leakwatch-test-names-").isEmpty());
    }

    private static java.util.List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
    }
}
