package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.jvm.attach.JvmLimits;
import dev.leakwatch.jvm.jfr.OldObjectAnalysis;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** What is known of the target besides its readings: identity, limits, how far it could be read. */
final class TargetFacts {
    final long pid;
    final String command;
    String jvmVersion;
    JvmLimits limits;
    OptionalLong maxOpenFiles = OptionalLong.empty();
    OptionalLong cgroupMemoryLimit = OptionalLong.empty();
    /** Why JVM detail is missing although the target is a JVM; null when it was read. */
    String attachRefused;
    boolean notJvm;
    Duration exitedAfter;
    /** How long the process had run when the window began. */
    Duration ageAtStart = Duration.ZERO;
    Optional<OldObjectAnalysis> oldObjects;

    TargetFacts(long pid, String command) {
        this.pid = pid;
        this.command = command;
    }
}
