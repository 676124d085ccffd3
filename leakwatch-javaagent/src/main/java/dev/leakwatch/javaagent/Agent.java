package dev.leakwatch.javaagent;

import dev.leakwatch.jvm.profile.http.DebugServer;
import dev.leakwatch.jvm.profile.http.PprofRoutes;
import dev.leakwatch.jvm.profile.http.TargetResolver;
import java.io.IOException;
import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:leakwatch-javaagent.jar=port=6060,token=...}.
 *
 * <p>Starts only the listener (two daemon threads) and registers a shutdown hook that closes
 * it; profiling machinery (MBeans, JFR) is first touched by the first request. A bad option
 * or a refused bind is reported on stderr and the application runs on without the agent:
 * a debugging aid must never keep a service from starting.
 */
public final class Agent {
    static final String THREAD_PREFIX = "leakwatch-javaagent";
    private static DebugServer server;

    private Agent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        start(args);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args);
    }

    static synchronized void start(String args) {
        if (server != null) {
            System.err.println("leakwatch-javaagent: already listening on " + server.address() + "; ignoring '" + args + "'");
            return;
        }
        try {
            AgentOptions options = AgentOptions.parse(args);
            DebugServer started = DebugServer.builder()
                    .host(options.host())
                    .port(options.port())
                    .token(options.token())
                    .threadPrefix(THREAD_PREFIX)
                    .start();
            PprofRoutes.mount(started.routes(), options.pprofSettings(), TargetResolver.selfOnly());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, THREAD_PREFIX + "-shutdown"));
            server = started;
            System.err.println("leakwatch-javaagent: serving /debug/pprof/ on http://" + hostPort(started));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("leakwatch-javaagent: not started: " + e.getMessage());
        }
    }

    private static String hostPort(DebugServer s) {
        String host = s.address().getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + s.address().getPort();
    }
}
