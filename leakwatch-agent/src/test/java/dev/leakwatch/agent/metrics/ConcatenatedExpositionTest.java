package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConcatenatedExpositionTest {
    private static final byte[] EOF = ConcatenatedExposition.OPENMETRICS_TRAILER;

    /** Writes s in pieces of random length (0 to 9 bytes, as single bytes now and then). */
    private static void writeInPieces(ConcatenatedExposition out, String s, Random random) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < b.length) {
            int n = Math.min(b.length - i, random.nextInt(10));
            if (n == 1 && random.nextBoolean()) {
                out.write(b[i]);
            } else {
                out.write(b, i, n);
            }
            i += n;
        }
    }

    @Test
    void everyCallsTrailerIsDroppedAndOneEndsTheDocumentWhateverThePieces() throws IOException {
        Random random = new Random(7);
        String[] calls = {"# TYPE a gauge\na 1\n# EOF\n", "# EOF\n", "b{x=\"# EOF\"} 2\n# EOF\n", "c 3\n# EOF\n"};
        for (int round = 0; round < 500; round++) {
            ByteArrayOutputStream target = new ByteArrayOutputStream();
            ConcatenatedExposition out = ConcatenatedExposition.withTrailer(target, EOF);
            for (String call : calls) {
                writeInPieces(out, call, random);
                out.endOfCall();
            }
            out.finish();
            assertThat(target.toString(StandardCharsets.UTF_8))
                    .isEqualTo("# TYPE a gauge\na 1\nb{x=\"# EOF\"} 2\nc 3\n# EOF\n");
        }
    }

    @Test
    void aCallWithoutTheTrailerIsPassedOnUncutAndNoTrailerIsInvented() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        ConcatenatedExposition out = ConcatenatedExposition.withTrailer(target, EOF);
        out.write("a 1\n".getBytes(StandardCharsets.UTF_8));
        out.endOfCall();
        out.write("b 2\n# EOF\n".getBytes(StandardCharsets.UTF_8));
        out.endOfCall();
        out.finish();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("a 1\nb 2\n");
    }

    @Test
    void plainConcatenationPassesEverythingOnAndHoldsFlushesAndClose() throws IOException {
        int[] flushes = {0};
        boolean[] closed = {false};
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ConcatenatedExposition out = ConcatenatedExposition.plain(target);
        out.write("a 1\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.close();
        out.endOfCall();
        out.write('b');
        out.finish();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("a 1\nb");
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(closed[0]).isFalse();
    }
}
