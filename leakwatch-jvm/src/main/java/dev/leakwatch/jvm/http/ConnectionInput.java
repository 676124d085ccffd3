package dev.leakwatch.jvm.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The buffered input of one connection, read with a timeout: either a per-read timeout (waiting
 * for the next request, reading a body) or a deadline for the whole request head, so that a
 * client sending a byte every few seconds cannot hold the connection's thread beyond it. Bytes
 * read ahead (a pipelined request) stay in the buffer for the next exchange.
 *
 * <p>A read with a timeout on the JDK's socket is a non-blocking read and, if nothing is there,
 * one {@code poll} with the timeout: the same single wake-up as a blocking read.
 */
final class ConnectionInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private int timeoutMillis;
    private long deadlineNanos;
    private boolean hasDeadline;
    private int soTimeout = -1;

    ConnectionInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Each read from now on waits at most this long. */
    void readTimeout(int millis) {
        this.timeoutMillis = millis;
        this.hasDeadline = false;
    }

    /** Every read from now on must end before this instant ({@link System#nanoTime()}). */
    void deadline(long nanos) {
        this.deadlineNanos = nanos;
        this.hasDeadline = true;
    }

    /** Bytes already read from the socket and not yet consumed. */
    int buffered() {
        return limit - position;
    }

    /**
     * Waits for a byte to read without consuming it.
     *
     * @return false if the stream ended
     */
    boolean awaitByte() throws IOException {
        return position < limit || fill();
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit) {
            if (len >= buffer.length) {
                // A large read goes straight to the caller's array.
                applyTimeout();
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    private boolean fill() throws IOException {
        applyTimeout();
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void applyTimeout() throws IOException {
        int millis = timeoutMillis;
        if (hasDeadline) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("request head deadline passed");
            }
            millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
        }
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
    }
}
