package dev.leakwatch.jvm.profile.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakwatch.jvm.profile.ProfileTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The debug endpoints over HTTP, on this JVM. */
class PprofRoutesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private DebugServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theIndexListsEveryDebugEndpointWithItsDescription() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<String> index = get("/debug/pprof/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(server.routes().routes()).filteredOn(r -> r.path().startsWith("/debug/")).hasSize(11);
        for (Route route : server.routes().routes()) {
            if (route.path().startsWith("/debug/") && !route.path().equals(IndexEndpoint.PATH)) {
                assertThat(index.body()).as(route.path())
                        .contains("<a href=\"" + route.path() + "\">")
                        .contains("<td>" + IndexEndpoint.escape(route.description()) + "</td>");
                assertThat(route.description()).as(route.path()).isNotBlank();
            }
        }
        for (String name : new String[] {"heap", "allocs", "goroutine", "profile", "block", "mutex", "trace", "cmdline"}) {
            assertThat(index.body()).contains("<a href=\"/debug/pprof/" + name + "\">" + name + "</a>");
        }
    }

    @Test
    void heapDumpsAre404UnlessEnabled() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<String> disabled = get("/debug/heapdump");

        assertThat(disabled.statusCode()).isEqualTo(404);
        assertThat(disabled.body()).contains("disabled");
    }

    @Test
    void anEnabledHeapDumpIsAnHprofFile() throws Exception {
        start(PprofSettings.DEFAULTS.withHeapDump(true), TargetResolver.selfOnly());

        HttpResponse<byte[]> dump = client.send(request("/debug/heapdump"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(dump.statusCode()).isEqualTo(200);
        assertThat(new String(dump.body(), 0, 18, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
    }

    @Test
    void aSecondProfileOfTheSameTargetGets429WhileTheFirstRuns() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        TargetResolver slow = pid -> {
            firstInside.countDown();
            try {
                releaseFirst.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProfileTarget.self();
        };
        start(PprofSettings.DEFAULTS, slow);

        CompletableFuture<HttpResponse<byte[]>> first =
                client.sendAsync(request("/debug/pprof/heap?seconds=1"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = get("/debug/pprof/profile?seconds=1");
        HttpResponse<String> trace = get("/debug/pprof/trace?seconds=1");
        releaseFirst.countDown();

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.body()).contains("already running");
        assertThat(trace.statusCode()).isEqualTo(429);
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void secondsBeyondTheLimitOrNotAPositiveNumberAre400() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<String> tooLong = get("/debug/pprof/profile?seconds=121");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("exceeds the limit of 120");
        assertThat(get("/debug/pprof/trace?seconds=100000").statusCode()).isEqualTo(400);
        assertThat(get("/debug/pprof/heap?seconds=0").statusCode()).isEqualTo(400);
        assertThat(get("/debug/pprof/block?seconds=ten").statusCode()).isEqualTo(400);
        assertThat(get("/debug/pprof/mutex?seconds=-5").statusCode()).isEqualTo(400);
    }

    @Test
    void otherPidsAreRefusedBySelfOnlyListeners() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());
        long self = ProcessHandle.current().pid();

        HttpResponse<String> other = get("/debug/pprof/goroutine?debug=1&pid=" + (self + 1));

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("own JVM only");
        assertThat(get("/debug/pprof/goroutine?debug=1&pid=" + self).statusCode()).isEqualTo(200);
        assertThat(get("/debug/pprof/goroutine?pid=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void goroutineTextComesGroupedOrInFull() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<String> grouped = get("/debug/pprof/goroutine?debug=1");
        HttpResponse<String> full = get("/debug/pprof/goroutine?debug=2");

        assertThat(grouped.body()).startsWith("goroutine profile: total ");
        assertThat(grouped.headers().firstValue("Content-Type")).hasValue(Exchanges.TEXT);
        assertThat(full.body()).contains("java.lang.Thread.State: ", "\"main\" #");
        assertThat(get("/debug/pprof/goroutine?debug=3").statusCode()).isEqualTo(400);
        assertThat(get("/debug/pprof/heap?debug=1").statusCode()).isEqualTo(400);
    }

    @Test
    void profilesAreDownloadsOfGzippedProtobuf() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<byte[]> r = client.send(request("/debug/pprof/goroutine"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"goroutine\"");
        assertThat(r.body()[0] & 0xff).isEqualTo(0x1f);
        assertThat(r.body()[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void cmdlineIsNulSeparatedAndVarsIsJson() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        String cmdline = get("/debug/pprof/cmdline").body();
        JsonNode vars = new ObjectMapper().readTree(get("/debug/vars").body());

        assertThat(cmdline.split("\0")[0]).endsWith("java");
        assertThat(cmdline).contains("\0");
        assertThat(vars.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(vars.at("/memory/heap/used").asLong()).isPositive();
        assertThat(vars.at("/threads/live").asInt()).isPositive();
        assertThat(vars.get("gc").isArray()).isTrue();
        assertThat(vars.get("bufferPools").findValuesAsText("name")).contains("direct", "mapped");
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        start(PprofSettings.DEFAULTS, TargetResolver.selfOnly());

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/debug/pprof/heap"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private void start(PprofSettings settings, TargetResolver resolver) throws Exception {
        server = DebugServer.builder().port(0).start();
        PprofRoutes.mount(server.routes(), settings, resolver);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
}
