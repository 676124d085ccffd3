package dev.leakwatch.jvm.profile.http;

import dev.leakwatch.jvm.profile.ProfileKind;
import java.time.Duration;

/**
 * Mounts the Go-compatible debug endpoints: {@code /debug/pprof/} (index), {@code heap},
 * {@code allocs}, {@code goroutine}, {@code profile}, {@code block}, {@code mutex},
 * {@code trace}, {@code cmdline}, plus {@code /debug/vars} and {@code /debug/heapdump}.
 * Paths and parameters ({@code seconds}, {@code gc}, {@code debug}) are Go's, so
 * {@code go tool pprof http://host:6060/debug/pprof/heap} works as against a Go service;
 * {@code pid} picks another local JVM where the resolver allows it. Profiles that take a
 * window or a heap dump run one at a time per target (429 otherwise).
 */
public final class PprofRoutes {
    /** Go's default CPU profile length. */
    static final Duration CPU_WINDOW = Duration.ofSeconds(30);
    /** Heap, allocation and contention profiles sample over a window too (JFR); this long by default. */
    static final Duration SAMPLING_WINDOW = Duration.ofSeconds(10);

    private PprofRoutes() {}

    public static void mount(RouteTable routes, PprofSettings settings, TargetResolver resolver) {
        Targets targets = new Targets(resolver);
        String p = IndexEndpoint.PATH;
        routes.add(Route.exact(p, "This index of debug endpoints.", new IndexEndpoint(routes)));
        routes.add(Route.exact(p + "heap",
                "Live objects by allocation site (JFR old-object samples, or a class histogram without JFR), "
                        + "sampled over seconds (default 10); gc=1 runs a GC before the snapshot. inuse_space by default.",
                new ProfileEndpoint(ProfileKind.HEAP, SAMPLING_WINDOW, settings, targets)));
        routes.add(Route.exact(p + "allocs",
                "Sampled allocations by allocation site over seconds (default 10); alloc_space by default.",
                new ProfileEndpoint(ProfileKind.ALLOCS, SAMPLING_WINDOW, settings, targets)));
        routes.add(Route.exact(p + "goroutine",
                "Stacks of all threads, identical stacks merged with a count; debug=1 grouped text, debug=2 full thread dump.",
                new GoroutineEndpoint(targets)));
        routes.add(Route.exact(p + "profile",
                "CPU profile over seconds (default 30), from JFR execution samples every 10 ms.",
                new ProfileEndpoint(ProfileKind.CPU, CPU_WINDOW, settings, targets)));
        routes.add(Route.exact(p + "block",
                "Time threads spent blocked on monitors and parked on java.util.concurrent locks, over seconds (default 10).",
                new ProfileEndpoint(ProfileKind.BLOCK, SAMPLING_WINDOW, settings, targets)));
        routes.add(Route.exact(p + "mutex",
                "Time threads waited to enter contended monitors (synchronized), over seconds (default 10).",
                new ProfileEndpoint(ProfileKind.MUTEX, SAMPLING_WINDOW, settings, targets)));
        routes.add(Route.exact(p + "trace",
                "A JFR recording of seconds (default 1) with the JDK's profile settings; open it in JDK Mission Control or with jfr.",
                new TraceEndpoint(settings, targets)));
        routes.add(Route.exact(p + "cmdline",
                "The command line of the JVM, arguments separated by NUL bytes.",
                new CmdlineEndpoint(targets)));
        routes.add(Route.exact("/debug/vars",
                "Memory (heap, non-heap, pools), garbage collectors, threads and buffer pools as JSON.",
                new VarsEndpoint(targets)));
        routes.add(Route.exact("/debug/heapdump",
                "An HPROF dump of live objects" + (settings.heapDumpEnabled() ? "." : " (disabled: answers 404 until enabled)."),
                new HeapDumpEndpoint(settings, targets)));
    }
}
