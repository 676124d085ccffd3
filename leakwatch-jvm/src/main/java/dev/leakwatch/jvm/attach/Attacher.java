package dev.leakwatch.jvm.attach;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.leakwatch.jvm.attach.AttachRefusedException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Gets a JMX connection to a local JVM: refuses unsafe targets first, then attaches, starts the
 * JVM's local management agent (loopback-only, the one jconsole starts) and connects to it.
 *
 * <p>Order of the checks, cheapest and most protective first: the process exists; it is HotSpot
 * ({@link HotSpotCheck}); it runs as our user unless we are root (HotSpot refuses others); it shares
 * our network namespace (the JMX connector we connect to listens on the target's loopback); attach is
 * not disabled on its command line or in {@code JAVA_TOOL_OPTIONS}-like variables (else the signal
 * only makes it print a thread dump to its stdout, and the attach times out); and it handles SIGQUIT
 * or its attach listener is already up. The JDK 17 Attach API sends SIGQUIT unconditionally, and a
 * JVM started with {@code -Xrs}, or one still starting, would die of it.
 *
 * <p>Attaching and connecting run on a {@code leakwatch-attach} daemon thread so that a hung target
 * costs the caller at most the timeout; a connection that completes after the caller gave up is closed.
 */
final class Attacher {

    /** Work done with a fresh connection before it is handed out, inside the timeout. */
    @FunctionalInterface
    interface Setup<T> {
        T apply(JMXConnector connector) throws IOException;
    }

    private Attacher() {}

    static <T> T open(long pid, Duration timeout, Setup<T> setup) throws AttachRefusedException {
        checkPreconditions(ProcessFacts.of(pid));
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                T connected = connectAndSetUp(pid, setup);
                if (!result.complete(connected)) {
                    closeAbandoned(connected);
                }
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "leakwatch-attach");
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (result.cancel(false)) {
                throw new AttachRefusedException(Reason.TIMEOUT,
                        "JVM " + pid + " did not answer the attach within " + timeout.toSeconds() + " s (hung or overloaded?)");
            }
            return resultAfterRace(pid, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!result.cancel(false)) {
                closeAbandoned(resultAfterRace(pid, result));
            }
            throw new AttachRefusedException(Reason.FAILED, "interrupted while attaching to JVM " + pid);
        } catch (ExecutionException e) {
            throw refusal(pid, e.getCause());
        }
    }

    /** The worker completed between the timeout and the cancel: its result is as good as any. */
    private static <T> T resultAfterRace(long pid, CompletableFuture<T> result) throws AttachRefusedException {
        try {
            return result.getNow(null);
        } catch (CancellationException | CompletionException e) {
            throw refusal(pid, e.getCause() != null ? e.getCause() : e);
        }
    }

    static void checkPreconditions(ProcessFacts process) throws AttachRefusedException {
        long pid = process.pid();
        if (!process.exists()) {
            throw new AttachRefusedException(Reason.NO_SUCH_PROCESS, "no process with pid " + pid);
        }
        if (!HotSpotCheck.check(process)) {
            throw new AttachRefusedException(Reason.NOT_HOTSPOT,
                    "process " + pid + " is not a HotSpot JVM (no libjvm.so or hsperfdata mapped); not attaching,"
                            + " the attach signal would terminate it");
        }
        OptionalLong ownUid = process.ownEffectiveUid();
        OptionalLong targetUid = process.effectiveUid();
        if (ownUid.isPresent() && ownUid.getAsLong() != 0
                && (targetUid.isEmpty() || targetUid.getAsLong() != ownUid.getAsLong())) {
            throw new AttachRefusedException(Reason.OTHER_USER, "JVM " + pid + " runs as uid "
                    + (targetUid.isPresent() ? targetUid.getAsLong() : "?") + " and leakwatch as uid "
                    + ownUid.getAsLong() + "; run leakwatch as the same user or as root");
        }
        if (process.inOtherNetworkNamespace()) {
            throw new AttachRefusedException(Reason.OTHER_NETWORK_NAMESPACE, "JVM " + pid
                    + " runs in another network namespace (a container with its own network): the JMX connector"
                    + " it would start listens on its own loopback, out of reach; not attaching");
        }
        if (process.attachDisabledByOptions()) {
            throw new AttachRefusedException(Reason.ATTACH_DISABLED,
                    "JVM " + pid + " was started with -XX:+DisableAttachMechanism; it cannot be attached to");
        }
        if (!process.hasAttachSocket() && !process.catchesSigquit()) {
            throw new AttachRefusedException(Reason.SIGNAL_NOT_HANDLED, "JVM " + pid
                    + " does not handle SIGQUIT (started with -Xrs, or still starting); attaching would terminate it");
        }
    }

    private static <T> T connectAndSetUp(long pid, Setup<T> setup) throws IOException, AttachNotSupportedException {
        String address;
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            return setup.apply(connector);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connector);
            throw e;
        }
    }

    private static AttachRefusedException refusal(long pid, Throwable cause) {
        if (cause instanceof AttachRefusedException refused) {
            return refused;
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof AttachNotSupportedException && message.contains("respond")) {
            return new AttachRefusedException(Reason.TIMEOUT, "JVM " + pid
                    + " did not answer the attach signal (attach disabled in an options file, or hung): " + message, cause);
        }
        if (cause instanceof NoClassDefFoundError) {
            return new AttachRefusedException(Reason.FAILED,
                    "this Java runtime lacks the jdk.attach module; run leakwatch with a full JDK", cause);
        }
        return new AttachRefusedException(Reason.FAILED, "attaching to JVM " + pid + " failed: " + message, cause);
    }

    private static void closeAbandoned(Object connected) {
        if (connected instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the caller is gone; nothing to report to
            }
        }
    }

    static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException e) {
            // closing a broken connection: nothing left to release
        }
    }
}
