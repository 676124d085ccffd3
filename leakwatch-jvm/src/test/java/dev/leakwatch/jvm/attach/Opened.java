package dev.leakwatch.jvm.attach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a test opened (child processes, connections), closed last-opened first after it. */
public final class Opened {
    private final List<AutoCloseable> opened = new ArrayList<>();

    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Closes everything tracked, in reverse order, and forgets it. */
    public void closeAll() throws Exception {
        Collections.reverse(opened);
        try {
            for (AutoCloseable closeable : opened) {
                closeable.close();
            }
        } finally {
            opened.clear();
        }
    }
}
