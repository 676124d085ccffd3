package dev.leakwatch.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code leakwatch} command line. Exit codes follow the contract: 0 success or no leak,
 * 1 leak found (diagnose), 2 usage or runtime error with a one-line cause on stderr.
 */
@Command(
        name = "leakwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A monitoring agent for JVM hosts that also catches leaks.",
        subcommands = {AgentCommand.class, DiagnoseCommand.class, PsCommand.class, PprofCommand.class,
            CheckConfigCommand.class})
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_LEAK = 1;
    public static final int EXIT_ERROR = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI without exiting, for tests and embedding. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(t -> EXIT_ERROR);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("leakwatch: " + oneLine(ex));
            return EXIT_ERROR;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("leakwatch: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_ERROR;
        });
        return cli;
    }

    private static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replace('\n', ' ');
    }
}
