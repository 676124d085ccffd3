package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.Headers;

/**
 * A parsed request line and header fields.
 *
 * @param method  the method token as sent (case-sensitive, as RFC 9110 says)
 * @param target  the request target as sent, e.g. {@code /metrics?x=1}
 * @param http10  the version was HTTP/1.0 (otherwise HTTP/1.1)
 * @param headers the header fields, names normalised by {@link Headers}
 * @param bytes   bytes the head took on the wire
 */
record RequestHead(String method, String target, boolean http10, Headers headers, int bytes) {
}
