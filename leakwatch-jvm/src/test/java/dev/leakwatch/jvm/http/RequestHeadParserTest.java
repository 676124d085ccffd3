package dev.leakwatch.jvm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadParserTest {
    private static final HeadLimits LIMITS = new HeadLimits(8192, 65536, 100);
    private static final List<String> RECORDED = List.of("curl-7.88.txt", "prometheus-2.53.txt", "python-http-client-3.11.txt");

    private static byte[] recorded(String name) throws IOException {
        try (InputStream in = RequestHeadParserTest.class.getResourceAsStream("/http/" + name)) {
            return in.readAllBytes();
        }
    }

    private static RequestHead parse(String text) throws IOException, HttpParseException {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1), LIMITS);
    }

    private static RequestHead parse(byte[] bytes, HeadLimits limits) throws IOException, HttpParseException {
        return new RequestHeadParser(limits).parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void readsPrometheusScrape() throws Exception {
        byte[] bytes = recorded("prometheus-2.53.txt");
        RequestHead head = parse(bytes, LIMITS);

        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.target()).isEqualTo("/metrics");
        assertThat(head.http10()).isFalse();
        assertThat(head.headers().getFirst("user-agent")).isEqualTo("Prometheus/2.53.1");
        assertThat(head.headers().getFirst("Accept")).startsWith("application/openmetrics-text;version=1.0.0,")
                .endsWith("*/*;q=0.1");
        assertThat(head.headers().getFirst("Accept-Encoding")).isEqualTo("gzip");
        assertThat(head.headers()).hasSize(5);
        assertThat(head.bytes()).isEqualTo(bytes.length);
    }

    @Test
    void readsCurlAndPythonRequests() throws Exception {
        RequestHead curl = parse(recorded("curl-7.88.txt"), LIMITS);
        RequestHead python = parse(recorded("python-http-client-3.11.txt"), LIMITS);

        assertThat(curl.headers().getFirst("User-Agent")).isEqualTo("curl/7.88.1");
        assertThat(curl.headers().getFirst("Accept")).isEqualTo("*/*");
        assertThat(python.headers().getFirst("Accept-Encoding")).isEqualTo("identity");
        assertThat(python.headers().getFirst("Host")).startsWith("127.0.0.1:");
    }

    @Test
    void leavesWhatFollowsTheHeadInTheStream() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(
                "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.0\nX: y\n\n".getBytes(StandardCharsets.US_ASCII));
        RequestHeadParser parser = new RequestHeadParser(LIMITS);

        assertThat(parser.parse(in).target()).isEqualTo("/a");
        RequestHead second = parser.parse(in);
        assertThat(second.target()).isEqualTo("/b");
        assertThat(second.http10()).isTrue();
        assertThat(second.headers().getFirst("X")).isEqualTo("y");
        assertThat(parser.parse(in)).as("the stream ended between requests").isNull();
    }

    @Test
    void trimsValuesAndSkipsAnEmptyLineBeforeTheRequest() throws Exception {
        RequestHead head = parse("\r\nPOST /x?a=1 HTTP/1.1\r\nContent-Length:  \t12 \r\nX-A: 1\r\nX-a: 2\r\n\r\n");

        assertThat(head.method()).isEqualTo("POST");
        assertThat(head.target()).isEqualTo("/x?a=1");
        assertThat(head.headers().getFirst("content-length")).isEqualTo("12");
        assertThat(head.headers().get("X-A")).containsExactly("1", "2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /metrics\r\n\r\n",
        "GET  /metrics HTTP/1.1\r\n\r\n",
        "GET /metrics HTTP/1.1 \r\n\r\n",
        "G(T /metrics HTTP/1.1\r\n\r\n",
        "GET /met\u0001rics HTTP/1.1\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET /metrics HTTP/1.1\r\n: x\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nX: a\u0000b\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: x\r\n",
        "GET /metrics HTTPS/1.1\r\n\r\n",
        "\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n",
    })
    void refusesMalformedHeadsWith400(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(HttpParseException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void refusesOtherVersionsWith505() {
        assertThatThrownBy(() -> parse("GET / HTTP/2.0\r\n\r\n")).isInstanceOfSatisfying(HttpParseException.class,
                e -> assertThat(e.status()).isEqualTo(505));
    }

    @Test
    void enforcesTheLimits() {
        HeadLimits small = new HeadLimits(64, 200, 3);
        String longTarget = "GET /" + "a".repeat(64) + " HTTP/1.1\r\n\r\n";
        String longHeader = "GET / HTTP/1.1\r\nX: " + "a".repeat(64) + "\r\n\r\n";
        String manyHeaders = "GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n";
        String bigHead = "GET / HTTP/1.1\r\n" + ("X: " + "a".repeat(50) + "\r\n").repeat(3) + "Y: " + "b".repeat(50) + "\r\n\r\n";

        assertThat(status(longTarget, small)).isEqualTo(414);
        assertThat(status(longHeader, small)).isEqualTo(431);
        assertThat(status(manyHeaders, small)).isEqualTo(431);
        assertThat(status(bigHead, new HeadLimits(64, 200, 10))).isEqualTo(431);
    }

    @Test
    void anEmptyStreamIsAClosedConnection() throws Exception {
        assertThat(parse("")).isNull();
    }

    /**
     * Random mutations of the recorded requests (bytes flipped, inserted, removed, cut short)
     * give a head or a {@link HttpParseException} with one of the documented statuses, never
     * anything else, and always end (a byte array never blocks).
     */
    @Test
    void fuzzedRequestsGiveAHeadOrADocumentedStatus() throws Exception {
        Random random = new Random(20261128);
        HeadLimits limits = new HeadLimits(256, 1024, 8);
        List<Integer> documented = List.of(400, 414, 431, 505);
        for (String name : RECORDED) {
            byte[] original = recorded(name);
            for (int i = 0; i < 3000; i++) {
                byte[] mutated = mutate(original, random);
                try {
                    RequestHead head = parse(mutated, limits);
                    if (head != null) {
                        assertThat(head.bytes()).isLessThanOrEqualTo(mutated.length);
                        assertThat(RequestHeadParser.isToken(head.method())).isTrue();
                    }
                } catch (HttpParseException e) {
                    assertThat(e.status()).as("status for %s", e.getMessage()).isIn(documented);
                }
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = (byte) "\r\n :\t".charAt(random.nextInt(5));
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] longer = new byte[b.length + 300];
                    System.arraycopy(b, 0, longer, 0, at);
                    java.util.Arrays.fill(longer, at, at + 300, (byte) 'x');
                    System.arraycopy(b, at, longer, at + 300, b.length - at);
                    b = longer;
                }
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static int status(String text, HeadLimits limits) {
        try {
            parse(text.getBytes(StandardCharsets.ISO_8859_1), limits);
            return 200;
        } catch (HttpParseException e) {
            return e.status();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
