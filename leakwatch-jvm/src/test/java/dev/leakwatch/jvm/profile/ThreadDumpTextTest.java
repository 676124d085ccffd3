package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.jvm.profile.apps.ParkedThreadsApp;
import dev.leakwatch.jvm.profile.apps.Workload;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadDumpTextTest {
    private Workload parked;

    @BeforeEach
    void startParkedThreads() {
        parked = ParkedThreadsApp.start();
    }

    @AfterEach
    void stopThem() {
        parked.close();
    }

    @Test
    void groupedTextCountsIdenticalStacksLikeGo() throws Exception {
        String text = ThreadDumpText.grouped(ThreadStacks.dump(ManagementFactory.getPlatformMBeanServer(), false));

        assertThat(text).startsWith("goroutine profile: total ");
        assertThat(text).containsPattern("(?m)^50 @ WAITING: parked-\\d+, .* and 45 more$");
        assertThat(text).contains("#\t" + ParkedThreadsApp.class.getName() + ".waitParked\tParkedThreadsApp.java:");
    }

    @Test
    void fullDumpListsEveryThreadWithStateAndLocks() throws Exception {
        Object lock = new Object();
        String text;
        synchronized (lock) {
            text = ThreadDumpText.full(ThreadStacks.dump(ManagementFactory.getPlatformMBeanServer(), true));
        }

        assertThat(text).contains("\"parked-0\" #", "\"parked-49\" #");
        assertThat(text).contains("   java.lang.Thread.State: WAITING");
        assertThat(text).contains("\t- parking to wait for ");
        assertThat(text).containsPattern("- locked <0x[0-9a-f]{8}> \\(a java.lang.Object\\)");
    }
}
