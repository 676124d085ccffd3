package dev.leakwatch.agent.config;

/**
 * Where a setting stands in its file, 1-based, for error messages.
 *
 * @param line   1-based line, 0 when unknown (a default, or the file as a whole)
 * @param column 1-based column, 0 when unknown
 */
public record Position(int line, int column) {
    /** The position of a setting that is not in the file (it took its default). */
    public static final Position NONE = new Position(0, 0);

    public boolean isKnown() {
        return line > 0;
    }
}
