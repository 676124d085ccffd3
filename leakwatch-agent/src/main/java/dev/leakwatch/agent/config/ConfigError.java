package dev.leakwatch.agent.config;

/**
 * One problem with a configuration file.
 *
 * @param source   the file name (or {@code <embedded>}) the error is in
 * @param position where in the file; {@link Position#NONE} for the file as a whole
 * @param setting  the dotted setting path, e.g. {@code store.max_series}; empty for syntax errors
 * @param message  what is wrong, naming the bad value
 */
public record ConfigError(String source, Position position, String setting, String message) {

    /** Compiler-style {@code file:line:column: setting: message}, one line. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (position.isKnown()) {
            s.append(':').append(position.line()).append(':').append(position.column());
        }
        s.append(": ");
        if (!setting.isEmpty()) {
            s.append(setting).append(": ");
        }
        return s.append(message).toString();
    }
}
