package dev.leakwatch.jvm.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response's body as the handler writes it, framed as {@code sendResponseHeaders} chose:
 * exactly {@code Content-Length} bytes, chunks ({@code Transfer-Encoding: chunked}, small writes
 * gathered into chunks of up to {@value #CHUNK} bytes), bytes up to the connection's close
 * (HTTP/1.0 without a length), or nothing: writes fail after 204, 304 or a length of -1, and are
 * dropped for a HEAD request (as Go's server does, so a handler need not tell HEAD from GET). Closing it ends the
 * exchange; closing it before a fixed length is complete fails and closes the connection.
 */
final class ResponseBody extends OutputStream {
    private static final int CHUNK = 8192;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    enum Framing { FIXED, CHUNKED, CLOSE_DELIMITED, NONE, DISCARD }

    /** What closing the body does beyond its framing: ends the exchange. */
    interface Completion {
        void bodyClosed(boolean complete) throws IOException;
    }

    private final OutputStream out;
    private final Completion completion;
    private Framing framing;
    private byte[] chunk;
    private int chunked;
    private long remaining;
    private boolean closed;

    /** A body not framed yet: writing fails until {@link #frame} (the headers are sent). */
    ResponseBody(OutputStream out, Completion completion) {
        this.out = out;
        this.completion = completion;
    }

    /** Sets the framing the response headers announced. */
    void frame(Framing framing, long length) {
        this.framing = framing;
        this.remaining = length;
        this.chunk = framing == Framing.CHUNKED ? new byte[CHUNK] : null;
    }

    boolean framed() {
        return framing != null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("response body closed");
        }
        if (framing == null) {
            throw new IOException("response body written before sendResponseHeaders");
        }
        if (len == 0) {
            return;
        }
        switch (framing) {
            case NONE -> throw new IOException("this response has no body");
            case DISCARD -> { }
            case FIXED -> {
                if (len > remaining) {
                    throw new IOException("response body longer than its Content-Length (" + len + " bytes written, "
                            + remaining + " left)");
                }
                out.write(b, off, len);
                remaining -= len;
            }
            case CLOSE_DELIMITED -> out.write(b, off, len);
            case CHUNKED -> writeChunked(b, off, len);
        }
    }

    private void writeChunked(byte[] b, int off, int len) throws IOException {
        if (chunked + len <= CHUNK) {
            System.arraycopy(b, off, chunk, chunked, len);
            chunked += len;
            return;
        }
        emitChunk();
        if (len >= CHUNK) {
            emit(b, off, len);
        } else {
            System.arraycopy(b, off, chunk, 0, len);
            chunked = len;
        }
    }

    private void emitChunk() throws IOException {
        if (chunked > 0) {
            emit(chunk, 0, chunked);
            chunked = 0;
        }
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.write(b, off, len);
        out.write(CRLF);
    }

    @Override
    public void flush() throws IOException {
        if (!closed && framing != null) {
            if (framing == Framing.CHUNKED) {
                emitChunk();
            }
            out.flush();
        }
    }

    /** Finishes the framing and ends the exchange. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean complete = framing != null;
        try {
            if (framing == Framing.CHUNKED) {
                emitChunk();
                out.write(LAST_CHUNK);
            } else if (framing == Framing.FIXED && remaining > 0) {
                complete = false;
            }
        } catch (IOException e) {
            complete = false;
            throw e;
        } finally {
            completion.bodyClosed(complete);
        }
        if (!complete) {
            throw new IOException(framing == null ? "response body closed before sendResponseHeaders"
                    : "response body closed " + remaining + " bytes short of its Content-Length");
        }
    }
}
