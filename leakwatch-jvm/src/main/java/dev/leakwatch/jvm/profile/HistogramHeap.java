package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.heap.ClassHistogram;
import dev.leakwatch.core.heap.ClassHistogramParser;
import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import dev.leakwatch.core.pprof.StackFrame;
import java.io.IOException;
import java.util.List;
import javax.management.MBeanServerConnection;

/**
 * A heap profile without JFR: a class histogram of live objects (which runs a full GC), each
 * class as a one-frame "stack". There are no allocation sites, but the growing type shows.
 */
final class HistogramHeap {
    private HistogramHeap() {}

    static ProfileBuilder profile(MBeanServerConnection connection) throws IOException {
        String text = Mbeans.diagnosticCommand(connection, "gcClassHistogram");
        try {
            return profile(ClassHistogramParser.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IOException("the target's class histogram is unreadable: " + e.getMessage(), e);
        }
    }

    static ProfileBuilder profile(ClassHistogram histogram) {
        ProfileBuilder profile = new ProfileBuilder(ProfileSchema.HEAP_INUSE)
                .comment("class histogram (JFR unavailable): frames are classes, not allocation sites");
        for (ClassHistogram.Entry e : histogram.byClassName().values()) {
            profile.addSample(List.of(StackFrame.named(e.className())), e.instances(), e.bytes());
        }
        return profile;
    }
}
