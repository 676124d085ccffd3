package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Failures the kernel produces that a fixture tree cannot: permission denied (tests may run as root), descriptors
 * closed and processes exiting between two reads.
 */
class ProcFsFailuresTest {

    /** The fixture's files, except that matching paths fail with the given exception. */
    private static ProcFiles failing(Predicate<Path> where, IOException failure) {
        ProcFiles real = ProcFiles.nio();
        return new ProcFiles() {
            @Override
            public byte[] read(Path file) throws IOException {
                if (where.test(file)) {
                    throw failure;
                }
                return real.read(file);
            }

            @Override
            public List<String> list(Path directory) throws IOException {
                if (where.test(directory)) {
                    throw failure;
                }
                return real.list(directory);
            }

            @Override
            public String readLink(Path link) throws IOException {
                if (where.test(link)) {
                    throw failure;
                }
                return real.readLink(link);
            }

            @Override
            public boolean exists(Path path) {
                return !(failure instanceof NoSuchFileException && where.test(path)) && real.exists(path);
            }
        };
    }

    private static Predicate<Path> endsWith(String suffix) {
        return path -> path.toString().endsWith(suffix);
    }

    @Test
    void anotherUsersFdDirectoryIsPermissionDenied() {
        ProcFs proc = Fixture.procFs(failing(endsWith("9058/fd"), new AccessDeniedException("/proc/9058/fd")));

        FdListing listing = proc.fds(Fixture.JVM);

        assertThat(listing.status()).isEqualTo(FdListing.Status.PERMISSION_DENIED);
        assertThat(listing.readable()).isFalse();
        assertThat(listing.fds()).isEmpty();
        assertThat(proc.fdCount(Fixture.JVM)).isEmpty();
        assertThat(proc.stat(Fixture.JVM).orElseThrow().fdCount()).as("the rest of stat is still read").isEmpty();
    }

    @Test
    void aProtectedProcessDeniesReadlinkEvenWhenListingWorks() {
        ProcFs proc = Fixture.procFs(failing(endsWith("9058/fd/4"), new AccessDeniedException("/proc/9058/fd/4")));

        assertThat(proc.fds(Fixture.JVM).status()).isEqualTo(FdListing.Status.PERMISSION_DENIED);
        assertThat(proc.fdCount(Fixture.JVM)).hasValue(49);
    }

    @Test
    void aDescriptorClosedDuringTheListingIsLeftOut() {
        ProcFs proc = Fixture.procFs(failing(endsWith("9058/fd/4"), new NoSuchFileException("/proc/9058/fd/4")));

        FdListing listing = proc.fds(Fixture.JVM);

        assertThat(listing.status()).isEqualTo(FdListing.Status.READ);
        assertThat(listing.fds()).hasSize(48).noneMatch(fd -> fd.fd() == 4);
    }

    @Test
    void aProcessExitingDuringTheListingIsGone() {
        ProcFs proc = Fixture.procFs(failing(endsWith("proc/9058"), new NoSuchFileException("/proc/9058")));

        assertThat(proc.fds(Fixture.JVM).status()).isEqualTo(FdListing.Status.NO_SUCH_PROCESS);
    }

    @Test
    void aProcessExitingBetweenStatAndStatusIsGone() {
        ProcFs proc = Fixture.procFs(failing(endsWith("9058/status"), new IOException("No such process")));

        assertThat(proc.stat(Fixture.JVM)).isEmpty();
        assertThat(proc.processOwner(Fixture.JVM)).isEmpty();
    }

    @Test
    void aProcessExitingBeforeItsCommandLineIsReadIsGone() {
        ProcFs proc = Fixture.procFs(failing(endsWith("9058/cmdline"), new NoSuchFileException("/proc/9058/cmdline")));

        assertThat(proc.stat(Fixture.JVM)).isEmpty();
    }

    @Test
    void unreadableProcRootListsNoPids() {
        ProcFs proc = Fixture.procFs(failing(endsWith("proc-fixture/proc"), new AccessDeniedException("/proc")));

        assertThat(proc.pids()).isEmpty();
    }

    @Test
    void aThreadExitingDuringTheTaskListingIsLeftOut() {
        ProcFs proc = Fixture.procFs(failing(endsWith("task/9080/stat"), new NoSuchFileException("task/9080/stat")));

        assertThat(proc.tasks(Fixture.JVM)).hasSize(19).noneMatch(t -> t.tid() == 9080);
    }
}
