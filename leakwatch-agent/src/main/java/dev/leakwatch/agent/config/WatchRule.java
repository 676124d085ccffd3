package dev.leakwatch.agent.config;

import java.util.regex.Pattern;

/**
 * One entry of {@code collectors.processes.watch}: which processes to monitor besides the JVMs.
 * Each rule also names the {@code process} label value it gives, when it has one.
 */
public sealed interface WatchRule {

    /** True when this rule selects the process. */
    boolean matches(long pid, String comm, String cmdline);

    /** Exact process name as in {@code /proc/<pid>/comm} (at most 15 characters there). */
    record Name(String comm) implements WatchRule {
        @Override
        public boolean matches(long pid, String comm, String cmdline) {
            return this.comm.equals(comm);
        }
    }

    /** A regular expression found anywhere in the command line (arguments joined by spaces). */
    record Regex(Pattern pattern) implements WatchRule {
        @Override
        public boolean matches(long pid, String comm, String cmdline) {
            return pattern.matcher(cmdline).find();
        }
    }

    /** A fixed process id. */
    record Pid(long pid) implements WatchRule {
        @Override
        public boolean matches(long pid, String comm, String cmdline) {
            return this.pid == pid;
        }
    }

    /** A plain substring of the command line. */
    record Cmdline(String substring) implements WatchRule {
        @Override
        public boolean matches(long pid, String comm, String cmdline) {
            return cmdline.contains(substring);
        }
    }
}
