package dev.leakwatch.jvm.profile.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebugServerTest {
    private static final String TOKEN = "s3cret-token-for-tests";
    private final HttpClient client = HttpClient.newHttpClient();
    private DebugServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        assertThatThrownBy(() -> DebugServer.builder().host("0.0.0.0").port(0).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("without a token");
    }

    @Test
    void rejectsABlankToken() {
        assertThatThrownBy(() -> DebugServer.builder().token("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
    }

    @Test
    void listensOnLoopbackByDefault() throws Exception {
        server = start(DebugServer.builder().port(0));
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void aMissingOrWrongTokenGets401AndTheRightOneGetsThrough() throws Exception {
        server = start(DebugServer.builder().port(0).token(TOKEN));

        HttpResponse<String> none = get("/hello", null);
        HttpResponse<String> wrong = get("/hello", "Bearer not-the-token");
        HttpResponse<String> prefixOfRight = get("/hello", "Bearer " + TOKEN.substring(0, 5));
        HttpResponse<String> right = get("/hello", "Bearer " + TOKEN);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(prefixOfRight.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("hello");
    }

    @Test
    void unknownPathsAre404EvenWithoutRevealingThemBeforeAuth() throws Exception {
        server = start(DebugServer.builder().port(0).token(TOKEN));

        assertThat(get("/nope", null).statusCode()).as("no token: 401, not 404").isEqualTo(401);
        assertThat(get("/nope", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseSaysNosniff() throws Exception {
        server = start(DebugServer.builder().port(0).token(TOKEN));

        for (HttpResponse<String> r : List.of(get("/hello", "Bearer " + TOKEN), get("/hello", null), get("/nope", "Bearer " + TOKEN))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void longUrisAreRejected() throws Exception {
        server = start(DebugServer.builder().port(0).maxUriLength(64));

        assertThat(get("/hello?x=" + "a".repeat(100), null).statusCode()).isEqualTo(414);
        assertThat(get("/hello?x=short", null).statusCode()).isEqualTo(200);
    }

    @Test
    void largeBodiesAreRejectedDeclaredOrNot() throws Exception {
        server = start(DebugServer.builder().port(0).maxRequestBytes(1024));
        server.routes().add(Route.exact("/echo", "Echoes the body length.", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Exchanges.text(exchange, 200, Integer.toString(body.length));
        }));

        HttpResponse<String> small = post("/echo", new byte[100], false);
        HttpResponse<String> declared = post("/echo", new byte[5000], false);
        HttpResponse<String> chunked = post("/echo", new byte[5000], true);

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("100");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void routesMountedAfterStartAreServedAndPrefixRoutesMatchBelowThem() throws Exception {
        server = start(DebugServer.builder().port(0));
        server.routes().add(Route.prefix("/api/v1/", "The JSON API.", exchange -> Exchanges.text(exchange, 200, "api")));

        assertThat(get("/api/v1/findings", null).body()).isEqualTo("api");
        assertThat(get("/api/v2/findings", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRouteWithoutADescriptionCannotBeMounted() {
        assertThatThrownBy(() -> Route.exact("/x", " ", exchange -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a description");
    }

    @Test
    void aPathCannotBeMountedTwice() {
        RouteTable routes = new RouteTable().add(Route.exact("/x", "X.", exchange -> {}));
        assertThatThrownBy(() -> routes.add(Route.exact("/x", "X again.", exchange -> {})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsThreadsAreNamedDaemons() throws Exception {
        server = start(DebugServer.builder().port(0).threadPrefix("leakwatch-test"));
        get("/hello", null);

        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("leakwatch-test-")).toList();
        assertThat(threads).extracting(Thread::getName).contains("leakwatch-test-accept");
        assertThat(threads).anySatisfy(t -> assertThat(t.getName()).startsWith("leakwatch-test-conn-"));
        assertThat(threads).allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("HTTP-Dispatcher", "idle-timeout-task", "server-timer");
    }

    @Test
    void closingStopsListening() throws Exception {
        server = start(DebugServer.builder().port(0));
        URI uri = uri("/hello");
        server.close();
        server = null;

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private DebugServer start(DebugServer.Builder builder) throws IOException {
        DebugServer s = builder.start();
        s.routes().add(Route.exact("/hello", "Says hello.", exchange -> Exchanges.send(
                exchange, 200, Exchanges.TEXT, "hello".getBytes(StandardCharsets.UTF_8))));
        return s;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return client.send(HttpRequest.newBuilder(uri(path)).POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
