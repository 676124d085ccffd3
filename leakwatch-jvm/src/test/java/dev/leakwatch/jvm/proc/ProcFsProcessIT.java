package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real child process, read while it runs and after it has exited. */
class ProcFsProcessIT {

    private final ProcFs proc = ProcFs.system();
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunningChildIsReadAndAnExitedOneIsEmpty() throws Exception {
        child = new ProcessBuilder("sleep", "120").start();
        long pid = child.pid();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> proc.stat(pid).map(s -> s.comm().equals("sleep")).orElse(false));
        ProcessStat stat = proc.stat(pid).orElseThrow();
        assertThat(stat.commandLine()).isEqualTo("sleep 120");
        assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stat.threads()).isEqualTo(1);
        assertThat(proc.tasks(pid)).containsExactly(new TaskStat(pid, "sleep", stat.state()));
        assertThat(proc.fds(pid).fds()).extracting(fd -> fd.link()).anyMatch(link -> link.startsWith("pipe:["));
        assertThat(proc.pids()).contains(pid);

        child.destroy();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(proc.stat(pid)).isEmpty();
        assertThat(proc.fds(pid).status()).isEqualTo(FdListing.Status.NO_SUCH_PROCESS);
        assertThat(proc.tasks(pid)).isEmpty();
        assertThat(proc.sockets(pid).size()).isZero();
        assertThat(proc.processOwner(pid)).isEmpty();
    }
}
