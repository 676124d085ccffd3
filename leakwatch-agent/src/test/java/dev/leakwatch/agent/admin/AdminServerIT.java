package dev.leakwatch.agent.admin;

import dev.leakwatch.jvm.profile.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.jvm.profile.GoPprof;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's admin listener: debug endpoints for other JVMs by {@code ?pid=}, and routes mounted later. */
class AdminServerIT {
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private AdminServer admin;
    private ChildJvm child;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (child != null) {
            child.close();
        }
    }

    @Test
    void profilesAnotherJvmByPid() throws Exception {
        child = ChildJvm.start(ProfiledApp.class, dir);
        admin = AdminServer.start(AdminSettings.defaults().withPort(0));

        String threads = get("/debug/pprof/goroutine?debug=1&pid=" + child.pid()).body();
        HttpResponse<byte[]> cpu = client.send(request("/debug/pprof/profile?seconds=3&pid=" + child.pid()),
                HttpResponse.BodyHandlers.ofByteArray());
        Path profile = Files.write(dir.resolve("cpu.pb.gz"), cpu.body());

        assertThat(threads).containsPattern("(?m)^50 @ WAITING: parked-");
        assertThat(cpu.statusCode()).isEqualTo(200);
        assertThat(GoPprof.topFunctions(profile)).as(GoPprof.top(profile)).first().isEqualTo(ProfiledApp.class.getName() + ".burnHot");
    }

    @Test
    void aPidWithoutAProcessIs404() throws Exception {
        admin = AdminServer.start(AdminSettings.defaults().withPort(0));
        long unused = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;

        assertThat(get("/debug/pprof/goroutine?debug=1&pid=" + unused).statusCode()).isEqualTo(404);
    }

    @Test
    void routesMountedLaterShareTheListenerAndItsRules() throws Exception {
        admin = AdminServer.start(AdminSettings.defaults().withPort(0).withToken("admin-token-1"));
        admin.mountPrefix("/api/v1/", "JSON API.", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        HttpResponse<String> anonymous = get("/api/v1/processes");
        HttpResponse<String> authorized = client.send(HttpRequest.newBuilder(uri("/api/v1/processes"))
                .header("Authorization", "Bearer admin-token-1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(authorized.body()).isEqualTo("{\"ok\":true}");
        assertThat(authorized.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(admin.routes().routes()).extracting(r -> r.path()).contains("/debug/pprof/", "/api/v1/");
    }

    @Test
    void refusesAnyOtherAddressThanLoopbackWithoutAToken() {
        assertThatThrownBy(() -> AdminServer.start(AdminSettings.defaults().withPort(0).withHost("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a token");
    }

    @Test
    void heapDumpsFollowTheSetting() throws Exception {
        admin = AdminServer.start(AdminSettings.defaults().withPort(0));
        assertThat(get("/debug/heapdump").statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.address().getPort() + path);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
}
