package dev.leakwatch.jvm.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code /proc} tells about a process before anyone talks to it: its user, its pid inside its
 * own pid namespace, whether it catches SIGQUIT, what it has mapped and how it was started.
 *
 * <p>All paths hang off a {@code /proc} root and a {@code /tmp} root so that tests can point them at
 * fixture trees. Every read tolerates a process that exits meanwhile or files it may not read: the
 * answer is then "unknown", which the callers treat as "not safe".
 */
final class ProcessFacts {

    /** Linux numbers SIGQUIT 3; SigCgt is a hex mask with bit (signal - 1) set for each caught signal. */
    private static final long SIGQUIT_MASK = 1L << (3 - 1);

    private final Path procRoot;
    private final Path tmpRoot;
    private final long pid;

    ProcessFacts(Path procRoot, Path tmpRoot, long pid) {
        this.procRoot = procRoot;
        this.tmpRoot = tmpRoot;
        this.pid = pid;
    }

    static ProcessFacts of(long pid) {
        return new ProcessFacts(Path.of("/proc"), Path.of("/tmp"), pid);
    }

    long pid() {
        return pid;
    }

    private Path processDir() {
        return procRoot.resolve(Long.toString(pid));
    }

    boolean exists() {
        return Files.isRegularFile(processDir().resolve("status"));
    }

    /** The value of a {@code /proc/<pid>/status} field, empty if the process or field is gone. */
    private Optional<String> statusField(String name) {
        return statusField(processDir(), name);
    }

    private static Optional<String> statusField(Path dir, String name) {
        try {
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(name + ":")) {
                    return Optional.of(line.substring(name.length() + 1).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Effective uid of the process (second field of {@code Uid:}). */
    OptionalLong effectiveUid() {
        return effectiveUid(processDir());
    }

    /** Effective uid of this process, as the kernel sees it. */
    OptionalLong ownEffectiveUid() {
        return effectiveUid(procRoot.resolve("self"));
    }

    private static OptionalLong effectiveUid(Path dir) {
        return statusField(dir, "Uid")
                .map(value -> value.split("\\s+"))
                .filter(fields -> fields.length >= 2)
                .map(fields -> parseLong(fields[1]))
                .orElse(OptionalLong.empty());
    }

    /**
     * The pid the process has in its own (innermost) pid namespace, which names its hsperfdata file and
     * attach socket inside a container; the host pid when {@code NSpid} is absent (kernels before 4.1).
     */
    long namespacePid() {
        return statusField("NSpid")
                .map(value -> value.split("\\s+"))
                .map(fields -> parseLong(fields[fields.length - 1]))
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .orElse(pid);
    }

    /**
     * Whether the process is known to be in another network namespace than ours: both
     * {@code ns/net} links are readable and differ. Unknown (unreadable) counts as the same, as
     * before namespaces could be read; the JMX connection then fails with its own error.
     */
    boolean inOtherNetworkNamespace() {
        Optional<String> theirs = namespaceLink(processDir(), "net");
        Optional<String> ours = namespaceLink(procRoot.resolve("self"), "net");
        return theirs.isPresent() && ours.isPresent() && !theirs.equals(ours);
    }

    private static Optional<String> namespaceLink(Path dir, String namespace) {
        try {
            return Optional.of(Files.readSymbolicLink(dir.resolve("ns").resolve(namespace)).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether the process installed a handler for SIGQUIT; false if unknown. */
    boolean catchesSigquit() {
        return statusField("SigCgt").map(mask -> {
            try {
                return (Long.parseUnsignedLong(mask, 16) & SIGQUIT_MASK) != 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    /** The lines of {@code /proc/<pid>/maps}, empty if it cannot be read (another user, gone). */
    Optional<List<String>> maps() {
        try {
            return Optional.of(Files.readAllLines(processDir().resolve("maps"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Candidate directories that are the process's {@code /tmp}: through its root first, then ours. */
    List<Path> tmpDirectories() {
        Path throughRoot = processDir().resolve("root").resolve("tmp");
        return Files.isDirectory(throughRoot) ? List.of(throughRoot, tmpRoot) : List.of(tmpRoot);
    }

    /** Whether a {@code hsperfdata_<user>/<pid>} file of the process exists in its {@code /tmp}. */
    boolean hasHsperfdataFile() {
        for (Path tmp : tmpDirectories()) {
            String name = Long.toString(tmp.equals(tmpRoot) ? pid : namespacePid());
            try (DirectoryStream<Path> users = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
                for (Path userDir : users) {
                    if (Files.isRegularFile(userDir.resolve(name))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // unreadable tmp: look at the next candidate
            }
        }
        return false;
    }

    /** Whether the HotSpot attach listener of the process is already up (its socket exists). */
    boolean hasAttachSocket() {
        for (Path tmp : tmpDirectories()) {
            long name = tmp.equals(tmpRoot) ? pid : namespacePid();
            if (Files.exists(tmp.resolve(".java_pid" + name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the JVM was started with {@code -XX:+DisableAttachMechanism}, on its command line or in
     * one of the environment variables the JVM and launcher read. Later settings win, in HotSpot's order:
     * {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}, the command line, {@code _JAVA_OPTIONS}.
     * Options files ({@code -XX:Flags}, {@code -XX:VMOptionsFile}, {@code @argfiles}) are not followed.
     */
    boolean attachDisabledByOptions() {
        List<String> environment = nulSeparated("environ");
        Boolean disabled = null;
        disabled = attachSetting(optionsIn(environment, "JAVA_TOOL_OPTIONS"), disabled);
        disabled = attachSetting(optionsIn(environment, "JDK_JAVA_OPTIONS"), disabled);
        disabled = attachSetting(nulSeparated("cmdline"), disabled);
        disabled = attachSetting(optionsIn(environment, "_JAVA_OPTIONS"), disabled);
        return Boolean.TRUE.equals(disabled);
    }

    private static List<String> optionsIn(List<String> environment, String variable) {
        for (String entry : environment) {
            if (entry.startsWith(variable + "=")) {
                return List.of(entry.substring(variable.length() + 1).strip().split("\\s+"));
            }
        }
        return List.of();
    }

    private static Boolean attachSetting(List<String> options, Boolean current) {
        Boolean setting = current;
        for (String option : options) {
            setting = attachSetting(option, setting);
        }
        return setting;
    }

    private static Boolean attachSetting(String option, Boolean current) {
        if (option.equals("-XX:+DisableAttachMechanism")) {
            return true;
        }
        if (option.equals("-XX:-DisableAttachMechanism")) {
            return false;
        }
        return current;
    }

    private List<String> nulSeparated(String file) {
        try {
            String content = new String(Files.readAllBytes(processDir().resolve(file)), StandardCharsets.ISO_8859_1);
            return content.isEmpty() ? List.of() : List.of(content.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
