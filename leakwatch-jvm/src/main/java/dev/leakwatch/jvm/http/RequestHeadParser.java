package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.x request head (RFC 9112 sections 2 and 3, 5): the request line, then
 * header fields up to the empty line, byte by byte from a buffered stream so that what follows
 * the head (a body, a pipelined request) stays in the stream.
 *
 * <p>Lenient where clients differ and strict where a mistake would let two parties read one
 * message differently: a bare LF ends a line as CRLF does, and up to two empty lines before the
 * request line are skipped (RFC 9112 section 2.2); but whitespace between a field name and its
 * colon, obsolete line folding, a field name with a non-token character, or a control character
 * in a value is a 400, since proxies read those differently (request smuggling). Header bytes are
 * Latin-1, as the JDK's server reads them.
 */
final class RequestHeadParser {
    private static final int MAX_LEADING_EMPTY_LINES = 2;

    private final HeadLimits limits;
    private final byte[] line;

    RequestHeadParser(HeadLimits limits) {
        this.limits = limits;
        this.line = new byte[limits.maxLineBytes()];
    }

    /**
     * Reads one head.
     *
     * @return the head, or null when the stream ended before its first byte (the client closed)
     * @throws HttpParseException with the status to answer, for a malformed or too large head or
     *                            one the stream ends within
     * @throws IOException        what the stream throws (e.g. a read timeout)
     */
    RequestHead parse(InputStream in) throws IOException, HttpParseException {
        int total = 0;
        int length = -1;
        for (int empty = 0; length <= 0; empty++) {
            if (empty > MAX_LEADING_EMPTY_LINES) {
                throw new HttpParseException(400, "empty lines instead of a request line");
            }
            length = readLine(in, total == 0, 414, "request line longer than " + limits.maxLineBytes() + " bytes");
            if (length < 0) {
                return null;
            }
            total += consumed;
        }
        String requestLine = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0 || sp2 == sp1 + 1) {
            throw new HttpParseException(400, "malformed request line");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!isToken(method)) {
            throw new HttpParseException(400, "malformed method");
        }
        if (!visibleAscii(target)) {
            throw new HttpParseException(400, "malformed request target");
        }
        boolean http10 = switch (version) {
            case "HTTP/1.1" -> false;
            case "HTTP/1.0" -> true;
            default -> throw new HttpParseException(version.matches("HTTP/[0-9]\\.[0-9]") ? 505 : 400,
                    "unsupported protocol version");
        };
        Headers headers = new Headers();
        int count = 0;
        while (true) {
            length = readLine(in, false, 431, "header line longer than " + limits.maxLineBytes() + " bytes");
            total += consumed;
            if (total > limits.maxHeadBytes()) {
                throw new HttpParseException(431, "request head larger than " + limits.maxHeadBytes() + " bytes");
            }
            if (length == 0) {
                return new RequestHead(method, target, http10, headers, total);
            }
            if (++count > limits.maxHeaders()) {
                throw new HttpParseException(431, "more than " + limits.maxHeaders() + " header lines");
            }
            addField(headers, length);
        }
    }

    /** Bytes the last {@link #readLine} took from the stream, line ending included. */
    private int consumed;

    /**
     * Reads a line into {@link #line} without its ending.
     *
     * @return its length, or -1 if the stream ended before any byte and {@code endAllowed}
     */
    private int readLine(InputStream in, boolean endAllowed, int tooLongStatus, String tooLongMessage)
            throws IOException, HttpParseException {
        int n = 0;
        consumed = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && consumed == 0) {
                    return -1;
                }
                throw new HttpParseException(400, "request head ends early");
            }
            consumed++;
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new HttpParseException(tooLongStatus, tooLongMessage);
            }
            line[n++] = (byte) b;
        }
    }

    private void addField(Headers headers, int length) throws HttpParseException {
        if (line[0] == ' ' || line[0] == '\t') {
            throw new HttpParseException(400, "obsolete header line folding");
        }
        int colon = -1;
        for (int i = 0; i < length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
            if (!isTokenChar(line[i] & 0xff)) {
                throw new HttpParseException(400, "malformed header name");
            }
        }
        if (colon <= 0) {
            throw new HttpParseException(400, "header line without a name and a colon");
        }
        int start = colon + 1;
        int end = length;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            int c = line[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HttpParseException(400, "control character in a header value");
            }
        }
        headers.add(new String(line, 0, colon, StandardCharsets.ISO_8859_1),
                new String(line, start, end - start, StandardCharsets.ISO_8859_1));
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static boolean visibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
