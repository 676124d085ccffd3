package dev.leakwatch.bench.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection that reads a response body and throws it
 * away, so that measuring a server from the same process costs the client as little as it can.
 * Understands {@code Content-Length} and chunked bodies; nothing else (no redirects, no TLS).
 */
final class RawHttpClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final byte[] discard = new byte[64 * 1024];

    RawHttpClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        host = address.getHostString() + ":" + address.getPort();
    }

    /** GETs path and returns the body's size as sent (compressed when gzip was used). */
    long get(String path, String accept, String acceptEncoding) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: " + accept
                + "\r\nAccept-Encoding: " + acceptEncoding + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            skip(Math.max(length, 0));
            return Math.max(length, 0);
        }
        long total = 0;
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                // Trailers, if any, end with an empty line.
                while (!line().isEmpty()) {
                    // skip
                }
                return total;
            }
            skip(n);
            total += n;
            line();
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            int r = in.read(discard, 0, (int) Math.min(discard.length, n));
            if (r < 0) {
                throw new IOException("connection closed within a body");
            }
            n -= r;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed within a header");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
