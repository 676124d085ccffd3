package dev.leakwatch.agent.cli;

import dev.leakwatch.agent.config.ConfigError;
import dev.leakwatch.agent.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leakwatch check-config FILE}: every error with its line and column; exit 2 if any, else 0. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validates an agent configuration file and prints every error with its location.",
            "Exit status 0 when valid, 2 when not."})
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the YAML configuration file")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ConfigError> errors = ConfigLoader.check(file);
        if (errors.isEmpty()) {
            spec.commandLine().getOut().println(file + ": OK");
            spec.commandLine().getOut().flush();
            return Main.EXIT_OK;
        }
        for (ConfigError e : errors) {
            spec.commandLine().getErr().println(e);
        }
        spec.commandLine().getErr().println(errors.size() + (errors.size() == 1 ? " error" : " errors"));
        spec.commandLine().getErr().flush();
        return Main.EXIT_ERROR;
    }
}
