package dev.leakwatch.agent.collect;

import dev.leakwatch.jvm.perfdata.JvmCounters;
import java.util.Optional;

/**
 * The {@code process} label: what a person would call the process. For a JVM, its main class
 * or its jar's file name (from the JVM's own {@code sun.rt.javaCommand}); for anything else,
 * the kernel's {@code comm}. The process and JVM collectors use the same names so their series
 * join on {@code pid} and {@code process}.
 */
final class ProcessNames {
    private ProcessNames() {}

    static String forJvm(JvmCounters counters, String comm) {
        return fromJavaCommand(counters.mainClass()).orElse(comm);
    }

    static Optional<String> fromJavaCommand(Optional<String> mainClassOrJar) {
        return mainClassOrJar.map(String::strip).filter(s -> !s.isEmpty()).map(s -> {
            if (s.endsWith(".jar")) {
                int slash = s.lastIndexOf('/');
                return slash >= 0 ? s.substring(slash + 1) : s;
            }
            return s;
        });
    }
}
