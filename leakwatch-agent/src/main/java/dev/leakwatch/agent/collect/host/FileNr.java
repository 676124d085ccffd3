package dev.leakwatch.agent.collect.host;

/** {@code /proc/sys/fs/file-nr}: allocated file handles, unused (always 0 since 2.6), maximum. */
record FileNr(long allocated, long maximum) {

    /** @throws IllegalArgumentException when the file does not have three counts */
    static FileNr parse(String text) {
        String[] f = ProcText.fields(text);
        if (f.length != 3) {
            throw new IllegalArgumentException("file-nr: expected 3 fields, got \"" + text.trim() + "\"");
        }
        long allocated = ProcText.parseCount(f[0]);
        long maximum = ProcText.parseCount(f[2]);
        if (allocated < 0 || maximum < 0) {
            throw new IllegalArgumentException("file-nr: not counts: \"" + text.trim() + "\"");
        }
        return new FileNr(allocated, maximum);
    }
}
