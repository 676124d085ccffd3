package dev.leakwatch.jvm.http;

import java.util.concurrent.atomic.LongAdder;

/** What a {@link ThreadPerConnectionServer} counts, one counter per bound. */
final class ListenerCounters {
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder acceptErrors = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder timeouts = new LongAdder();
}
