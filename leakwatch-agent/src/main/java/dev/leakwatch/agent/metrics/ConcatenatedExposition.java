package dev.leakwatch.agent.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins the output of several calls of the official exposition writer into one document. Each
 * call writes a complete exposition: the families are simply concatenated, except that
 * OpenMetrics ends every call with {@code # EOF}, which only the end of the whole document may
 * carry. This stream holds back the last bytes of each call, drops the trailer at the end of
 * every call, and writes it once at the end.
 *
 * <p>It also keeps the writer's per-call {@code flush()} and {@code close()} from reaching the
 * response, so that many small calls still leave in few, full chunks.
 */
final class ConcatenatedExposition extends OutputStream {
    static final byte[] OPENMETRICS_TRAILER = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];

    private final OutputStream target;
    private final byte[] trailer;
    /** The last {@code trailer.length} bytes written, not yet passed on. */
    private final byte[] held;
    private int heldCount;
    private boolean trailerMissing;

    private ConcatenatedExposition(OutputStream target, byte[] trailer) {
        this.target = target;
        this.trailer = trailer;
        this.held = new byte[trailer.length];
    }

    /** For formats whose writer ends every document with {@code trailer} (OpenMetrics' {@code # EOF}). */
    static ConcatenatedExposition withTrailer(OutputStream target, byte[] trailer) {
        return new ConcatenatedExposition(target, trailer.clone());
    }

    /** For formats whose documents concatenate as they are (Prometheus text). */
    static ConcatenatedExposition plain(OutputStream target) {
        return new ConcatenatedExposition(target, NONE);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int keep = trailer.length;
        if (keep == 0) {
            target.write(b, off, len);
            return;
        }
        if (len >= keep) {
            target.write(held, 0, heldCount);
            target.write(b, off, len - keep);
            System.arraycopy(b, off + len - keep, held, 0, keep);
            heldCount = keep;
            return;
        }
        // Fewer new bytes than the trailer: pass on the oldest held ones, keep the newest.
        int overflow = heldCount + len - keep;
        if (overflow > 0) {
            target.write(held, 0, overflow);
            System.arraycopy(held, overflow, held, 0, heldCount - overflow);
            heldCount -= overflow;
        }
        System.arraycopy(b, off, held, heldCount, len);
        heldCount += len;
    }

    /**
     * The writer finished one call: drop its trailer. Should a writer ever end otherwise, what it
     * wrote is passed on unchanged rather than cut.
     */
    void endOfCall() throws IOException {
        if (trailer.length == 0) {
            return;
        }
        if (heldCount == trailer.length && Arrays.equals(held, trailer)) {
            heldCount = 0;
            return;
        }
        trailerMissing = true;
        target.write(held, 0, heldCount);
        heldCount = 0;
    }

    /** The document is complete: write the trailer once and flush. */
    void finish() throws IOException {
        target.write(held, 0, heldCount);
        heldCount = 0;
        if (!trailerMissing) {
            target.write(trailer);
        }
        target.flush();
    }

    /** Held until {@link #finish()}: the writer flushes at the end of every call. */
    @Override
    public void flush() {
        // Nothing: see the class comment.
    }

    /** The response is closed by its owner, after {@link #finish()}. */
    @Override
    public void close() {
        // Nothing: see the class comment.
    }
}
