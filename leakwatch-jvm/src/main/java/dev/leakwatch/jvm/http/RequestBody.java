package dev.leakwatch.jvm.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request's body as the handler reads it: the bytes of its {@code Content-Length}, or the
 * decoded chunks of {@code Transfer-Encoding: chunked} (RFC 9112 section 7.1: hexadecimal
 * sizes, extensions ignored, trailer fields read and dropped), never beyond the message, so the
 * next request on the connection stays unread.
 *
 * <p>When the client asked {@code Expect: 100-continue}, the interim response is sent on the
 * first read, as Go's server does: a handler that answers without reading the body spares the
 * client sending it (and the connection is then closed, since whether the body follows is up to
 * the client).
 */
final class RequestBody extends InputStream {
    /** Longest chunk-size line (with extensions) and trailer section accepted. */
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;

    /** Sends {@code 100 Continue}. */
    interface Continuation {
        void sendContinue() throws IOException;
    }

    private final ConnectionInput in;
    private final boolean chunked;
    private Continuation continuation;
    private long remaining;
    private boolean ended;
    private boolean closed;

    private RequestBody(ConnectionInput in, boolean chunked, long length, Continuation continuation) {
        this.in = in;
        this.chunked = chunked;
        this.remaining = chunked ? 0 : length;
        this.ended = !chunked && length == 0;
        this.continuation = ended ? null : continuation;
    }

    static RequestBody fixed(ConnectionInput in, long length, Continuation continuation) {
        return new RequestBody(in, false, length, continuation);
    }

    static RequestBody chunked(ConnectionInput in, Continuation continuation) {
        return new RequestBody(in, true, 0, continuation);
    }

    /** The interim response is still owed (the client waits for it before sending the body). */
    boolean continuePending() {
        return continuation != null;
    }

    /** The whole body was read. */
    boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("request body closed");
        }
        if (len == 0) {
            return 0;
        }
        if (continuation != null) {
            Continuation c = continuation;
            continuation = null;
            c.sendContinue();
        }
        if (ended) {
            return -1;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("connection closed within the request body");
        }
        remaining -= n;
        if (remaining == 0 && !chunked) {
            ended = true;
        } else if (remaining == 0) {
            expectCrlf();
        }
        return n;
    }

    @Override
    public int available() {
        return ended ? 0 : (int) Math.min(remaining, in.available());
    }

    /** Further reads fail; the connection reads what is left at the end of the exchange. */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Reads and drops what is left of the body, at most {@code limit} bytes, without sending
     * {@code 100 Continue}.
     *
     * @return true if the body ended within the limit (the connection can read the next request)
     */
    boolean drain(long limit) {
        if (continuation != null) {
            return false;
        }
        closed = false;
        byte[] skip = new byte[4096];
        long left = limit;
        try {
            while (!ended && left > 0) {
                int n = read(skip, 0, (int) Math.min(skip.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException e) {
            return false;
        } finally {
            closed = true;
        }
        return ended;
    }

    /** Reads the next chunk-size line; false after the last chunk and the trailer. */
    private boolean nextChunk() throws IOException {
        String line = readLine(MAX_CHUNK_LINE);
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (size.isEmpty() || size.length() > 15) {
            throw new IOException("malformed chunk size");
        }
        long n = 0;
        for (int i = 0; i < size.length(); i++) {
            int digit = Character.digit(size.charAt(i), 16);
            if (digit < 0) {
                throw new IOException("malformed chunk size");
            }
            n = n * 16 + digit;
        }
        if (n > 0) {
            remaining = n;
            return true;
        }
        int trailer = 0;
        for (String field = readLine(MAX_CHUNK_LINE); !field.isEmpty(); field = readLine(MAX_CHUNK_LINE)) {
            trailer += field.length();
            if (trailer > MAX_TRAILER_BYTES) {
                throw new IOException("chunked trailer larger than " + MAX_TRAILER_BYTES + " bytes");
            }
        }
        ended = true;
        return false;
    }

    private void expectCrlf() throws IOException {
        if (!readLine(2).isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
    }

    private String readLine(int max) throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed within the request body");
            }
            if (b == '\n') {
                int end = s.length();
                return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
            }
            if (s.length() > max) {
                throw new IOException("chunk line longer than " + max + " bytes");
            }
            s.append((char) b);
        }
    }
}
