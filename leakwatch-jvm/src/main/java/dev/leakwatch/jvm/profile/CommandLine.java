package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JVM's command line, as Go's {@code /debug/pprof/cmdline} gives {@code os.Args}: from the
 * operating system when it tells (Linux {@code /proc/<pid>/cmdline}), otherwise rebuilt
 * from the target's RuntimeMXBean (JVM options, then the main class or jar and its arguments).
 */
public final class CommandLine {
    private CommandLine() {}

    public static List<String> of(ProfileTarget target) throws IOException {
        Optional<ProcessHandle.Info> info = ProcessHandle.of(target.pid()).map(ProcessHandle::info);
        if (info.isPresent() && info.get().command().isPresent() && info.get().arguments().isPresent()) {
            List<String> args = new ArrayList<>();
            args.add(info.get().command().get());
            args.addAll(List.of(info.get().arguments().get()));
            return args;
        }
        RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(
                target.mbeans(), ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
        List<String> args = new ArrayList<>();
        args.add("java");
        args.addAll(runtime.getInputArguments());
        String command = runtime.getSystemProperties().get("sun.java.command");
        if (command != null && !command.isBlank()) {
            args.addAll(List.of(command.strip().split("\\s+")));
        }
        return args;
    }
}
