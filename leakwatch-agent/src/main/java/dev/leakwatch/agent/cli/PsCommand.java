package dev.leakwatch.agent.cli;

import dev.leakwatch.jvm.perfdata.JvmCounters;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.perfdata.OldGenAfterGc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch ps}: local processes with their key resources; for JVMs also the heap left
 * by the last GC against the maximum, read from hsperfdata (no attach, the JVM does not notice).
 */
@Command(
        name = "ps",
        mixinStandardHelpOptions = true,
        description = {
            "Lists local processes and JVMs with their key resources.",
            "Shows every JVM (found through its hsperfdata counters, without attaching) and the other "
                    + "processes using the most memory; --all shows every process."
        })
public final class PsCommand implements Callable<Integer> {
    /** Output formats, named as they are typed on the command line. */
    enum Format { text, json }

    @Option(names = "--all", description = "Show every process, not only JVMs and the top --top by RSS.")
    boolean all;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many non-JVM processes to show, largest RSS first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    private final PsProcReader proc;
    private final JvmDiscovery discovery;

    public PsCommand() {
        this(new PsProcReader(Path.of("/proc")), JvmDiscovery.system());
    }

    /** For tests: fixture roots. */
    PsCommand(PsProcReader proc, JvmDiscovery discovery) {
        this.proc = proc;
        this.discovery = discovery;
    }

    @Override
    public Integer call() throws IOException {
        if (top < 0) {
            throw new ParameterException(spec.commandLine(), "--top must be 0 or more, got " + top);
        }
        List<PsRow> rows = rows();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? PsFormatter.json(rows) : PsFormatter.text(rows));
        out.flush();
        return Main.EXIT_OK;
    }

    /** JVMs, plus the top N other processes by RSS (or all), largest RSS first. */
    List<PsRow> rows() throws IOException {
        Map<Long, LocalJvm> jvms = discovery.list().stream()
                .collect(Collectors.toMap(LocalJvm::pid, Function.identity(), (a, b) -> a));
        List<PsRow> jvmRows = new ArrayList<>();
        List<PsRow> others = new ArrayList<>();
        for (long pid : proc.pids()) {
            Optional<PsProcReader.ProcessInfo> info = proc.read(pid);
            if (info.isEmpty()) {
                continue; // exited meanwhile
            }
            LocalJvm jvm = jvms.get(pid);
            if (jvm != null) {
                jvmRows.add(row(info.get(), Optional.of(jvmInfo(jvm))));
            } else {
                others.add(row(info.get(), Optional.empty()));
            }
        }
        Comparator<PsRow> byRss = Comparator.comparingLong(PsRow::rssBytes).reversed().thenComparingLong(PsRow::pid);
        others.sort(byRss);
        List<PsRow> rows = new ArrayList<>(jvmRows);
        rows.addAll(all ? others : others.subList(0, Math.min(top, others.size())));
        rows.sort(byRss);
        return rows;
    }

    private static PsRow row(PsProcReader.ProcessInfo p, Optional<PsRow.Jvm> jvm) {
        return new PsRow(p.pid(), p.user(), p.rssBytes(), p.threads(), p.fds(), p.command(), jvm);
    }

    private static PsRow.Jvm jvmInfo(LocalJvm jvm) {
        try {
            JvmCounters c = jvm.readCounters();
            return new PsRow.Jvm(
                    c.javaVersion().orElse("?"),
                    c.vmVersion().orElse("?"),
                    c.heapUsedBytes(),
                    c.heapUsedAfterLastGcBytes(),
                    c.heapMaxBytes(),
                    c.oldGenAfterLastFullGc().map(OldGenAfterGc::oldGenUsedBytes)
                            .map(OptionalLong::of).orElse(OptionalLong.empty()),
                    Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            // unreadable (another user's JVM) or a torn/corrupt file: still a JVM, without numbers
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new PsRow.Jvm("?", "?", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), Optional.of(cause));
        }
    }
}
