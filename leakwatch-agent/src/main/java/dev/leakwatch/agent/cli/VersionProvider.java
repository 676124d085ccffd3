package dev.leakwatch.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's implementation version and the runtime it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "leakwatch " + (version == null ? "dev" : version),
            "runtime " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
