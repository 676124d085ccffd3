package dev.leakwatch.jvm.profile;

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
        return profile(ClassHistogram.parse(Mbeans.diagnosticCommand(connection, "gcClassHistogram")));
    }

    static ProfileBuilder profile(List<ClassHistogram.Entry> entries) {
        ProfileBuilder profile = new ProfileBuilder(ProfileSchema.HEAP_INUSE)
                .comment("class histogram (JFR unavailable): frames are classes, not allocation sites");
        for (ClassHistogram.Entry e : entries) {
            profile.addSample(List.of(StackFrame.named(e.className())), e.instances(), e.bytes());
        }
        return profile;
    }
}
