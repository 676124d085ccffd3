package dev.leakwatch.agent.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The body of a {@code /metrics} response: text written as it is rendered ({@link #live()}),
 * with {@link Segment}s of text rendered earlier spliced in between. {@link #close()} frees
 * native memory whether or not the body was finished.
 */
abstract class ScrapeBody implements AutoCloseable {
    /** Where freshly rendered text goes. */
    abstract OutputStream live();

    /** Appends a segment's text after everything written so far. */
    abstract void splice(Segment segment) throws IOException;

    /** Whether the body is compressed (segments go out as they are). */
    abstract boolean compressed();

    /** Ends the body (after the last text) and flushes it. */
    abstract void finish() throws IOException;

    @Override
    public abstract void close();

    /** Uncompressed: segments are inflated on their way out. */
    static ScrapeBody plain(OutputStream target) {
        return new Plain(target);
    }

    /** A single gzip member at {@link Deflater#BEST_SPEED}: segments go out as they are. */
    static ScrapeBody gzip(OutputStream target) throws IOException {
        return new Gzip(target);
    }

    private static final class Plain extends ScrapeBody {
        private final OutputStream target;
        /** Made at the first segment: a scrape without any allocates no native memory. */
        private Inflater inflater;
        private byte[] buffer;

        Plain(OutputStream target) {
            this.target = target;
        }

        @Override
        OutputStream live() {
            return target;
        }

        @Override
        boolean compressed() {
            return false;
        }

        @Override
        void splice(Segment segment) throws IOException {
            if (inflater == null) {
                inflater = new Inflater(true);
                buffer = new byte[16 * 1024];
            }
            inflater.reset();
            inflater.setInput(segment.data(), 0, segment.length());
            try {
                while (true) {
                    int n = inflater.inflate(buffer);
                    if (n > 0) {
                        target.write(buffer, 0, n);
                    } else if (inflater.needsInput() || inflater.finished()) {
                        return;
                    } else {
                        throw new IOException("a cached exposition segment does not inflate");
                    }
                }
            } catch (DataFormatException e) {
                throw new IOException("a cached exposition segment is corrupt", e);
            }
        }

        @Override
        void finish() throws IOException {
            target.flush();
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /**
     * gzip (RFC 1952) with a raw deflater for the live text: before a segment, a full flush ends
     * the live text's blocks on a byte boundary and clears the history the next live blocks
     * could refer to, so the segment's bytes can follow as they are. The trailer's CRC of the
     * whole text is combined from the pieces' ({@link Crc32Combine}).
     */
    private static final class Gzip extends ScrapeBody {
        /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

        private final OutputStream target;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 liveCrc = new CRC32();
        private final byte[] buffer = new byte[8 * 1024];
        private long liveLength;
        private long crc;
        private long length;
        private final OutputStream live = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return;
                }
                liveCrc.update(b, off, len);
                liveLength += len;
                deflater.setInput(b, off, len);
                while (!deflater.needsInput()) {
                    drain(Deflater.NO_FLUSH);
                }
            }
        };

        Gzip(OutputStream target) throws IOException {
            this.target = target;
            target.write(HEADER);
        }

        @Override
        OutputStream live() {
            return live;
        }

        @Override
        boolean compressed() {
            return true;
        }

        @Override
        void splice(Segment segment) throws IOException {
            if (liveLength > 0) {
                while (drain(Deflater.FULL_FLUSH) == buffer.length) {
                    // a full buffer may hide more
                }
                endLiveRun();
            }
            target.write(segment.data(), 0, segment.length());
            crc = Crc32Combine.combine(crc, segment.crc(), segment.textLength());
            length += segment.textLength();
        }

        @Override
        void finish() throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            endLiveRun();
            byte[] trailer = new byte[8];
            putIntLE(trailer, 0, crc);
            putIntLE(trailer, 4, length); // the length modulo 2^32, as RFC 1952 says
            target.write(trailer);
            target.flush();
        }

        private void endLiveRun() {
            crc = Crc32Combine.combine(crc, liveCrc.getValue(), liveLength);
            length += liveLength;
            liveCrc.reset();
            liveLength = 0;
        }

        private int drain(int flush) throws IOException {
            int n = deflater.deflate(buffer, 0, buffer.length, flush);
            target.write(buffer, 0, n);
            return n;
        }

        private static void putIntLE(byte[] b, int at, long v) {
            for (int i = 0; i < 4; i++) {
                b[at + i] = (byte) (v >>> (8 * i));
            }
        }

        @Override
        public void close() {
            deflater.end();
        }
    }
}
