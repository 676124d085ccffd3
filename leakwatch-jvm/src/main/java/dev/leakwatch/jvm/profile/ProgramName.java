package dev.leakwatch.jvm.profile;

/** A short program name from the {@code sun.java.command} property: the main class or the jar. */
final class ProgramName {
    private ProgramName() {}

    static String fromJavaCommand(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            return "java";
        }
        String first = javaCommand.strip().split("\\s+", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash >= 0 ? first.substring(slash + 1) : first;
    }
}
