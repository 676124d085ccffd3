package dev.leakwatch.jvm.profile.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails once more than {@code limit} bytes have been read (chunked bodies have no declared length). */
final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            consumed(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            consumed(n);
        }
        return n;
    }

    private void consumed(int n) throws RequestTooLargeException {
        remaining -= n;
        if (remaining < 0) {
            throw new RequestTooLargeException();
        }
    }

    /** The body was larger than the listener accepts. */
    static final class RequestTooLargeException extends IOException {
        RequestTooLargeException() {
            super("request body too large");
        }
    }
}
