package dev.leakwatch.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the settings of one YAML mapping, collecting errors instead of throwing, so that a
 * file with five mistakes gets five messages. Every getter takes the default when the key is
 * absent, and also after reporting a bad value so that reading can go on. {@link #finish()}
 * reports the keys nobody asked for: the schema is the code that reads it.
 */
final class ConfigSection {
    /** State shared by all sections of one file. */
    static final class Context {
        final String source;
        final List<ConfigError> errors = new ArrayList<>();
        /** Every setting path the code asked for, list items as {@code name[]}; the docs test uses it. */
        final Set<String> schema = new TreeSet<>();

        Context(String source) {
            this.source = source;
        }
    }

    private final Context context;
    private final String path;
    private final String schemaPath;
    private final ConfigNode.Mapping node;
    private final Set<String> read = new HashSet<>();

    ConfigSection(Context context, String path, String schemaPath, ConfigNode.Mapping node) {
        this.context = context;
        this.path = path;
        this.schemaPath = schemaPath;
        this.node = node;
    }

    String path() {
        return path;
    }

    Position position() {
        return node.position();
    }

    boolean has(String key) {
        return node.entries().containsKey(key);
    }

    /** The nested mapping under key; an empty one when absent or not a mapping (after an error). */
    ConfigSection section(String key) {
        ConfigNode value = take(key);
        ConfigNode.Mapping mapping;
        if (value instanceof ConfigNode.Mapping m) {
            mapping = m;
        } else {
            if (value != null && !isNull(value)) {
                error(key, value, "expected a mapping of settings, got " + value.describe());
            }
            mapping = ConfigNode.Mapping.empty(value == null ? node.position() : value.position());
        }
        return new ConfigSection(context, child(key), childSchema(key), mapping);
    }

    /** A list of mappings under key (empty when absent). */
    List<ConfigSection> sections(String key) {
        ConfigNode value = take(key);
        List<ConfigSection> out = new ArrayList<>();
        if (value == null || isNull(value)) {
            return out;
        }
        if (!(value instanceof ConfigNode.Sequence seq)) {
            error(key, value, "expected a list, got " + value.describe());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            ConfigNode item = seq.items().get(i);
            String itemPath = child(key) + "[" + i + "]";
            if (item instanceof ConfigNode.Mapping m) {
                out.add(new ConfigSection(context, itemPath, childSchema(key) + "[]", m));
            } else {
                context.errors.add(new ConfigError(context.source, item.position(), itemPath,
                        "expected a mapping, got " + item.describe()));
            }
        }
        return out;
    }

    String string(String key, String defaultValue) {
        ConfigNode value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof ConfigNode.Scalar s && s.kind() != ConfigNode.Scalar.Kind.NULL) {
            return s.text();
        }
        if (isNull(value)) {
            return defaultValue;
        }
        error(key, value, "expected a string, got " + value.describe());
        return defaultValue;
    }

    boolean bool(String key, boolean defaultValue) {
        ConfigNode value = take(key);
        if (value == null || isNull(value)) {
            return defaultValue;
        }
        if (value instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        error(key, value, "expected true or false, got " + value.describe());
        return defaultValue;
    }

    long integer(String key, long defaultValue, long min, long max) {
        ConfigNode value = take(key);
        if (value == null || isNull(value)) {
            return defaultValue;
        }
        String text = value instanceof ConfigNode.Scalar s ? s.text().replace("_", "") : null;
        long parsed;
        try {
            if (text == null) {
                throw new NumberFormatException();
            }
            parsed = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            error(key, value, "expected an integer, got " + value.describe());
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            error(key, value, "must be between " + min + " and " + max + ", got " + parsed);
            return defaultValue;
        }
        return parsed;
    }

    Duration duration(String key, Duration defaultValue, Duration min) {
        return parsed(key, defaultValue, text -> {
            Duration d = Durations.parse(text);
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + Durations.format(min) + ", got " + text);
            }
            return d;
        });
    }

    Pattern regex(String key, String defaultValue) {
        return parsed(key, Pattern.compile(defaultValue), text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression \"" + text + "\": " + e.getDescription(), e);
            }
        });
    }

    ListenAddress address(String key, String defaultValue) {
        return parsed(key, ListenAddress.parse(defaultValue), ListenAddress::parse);
    }

    List<String> strings(String key, List<String> defaultValue) {
        ConfigNode value = take(key);
        if (value == null || isNull(value)) {
            return defaultValue;
        }
        if (!(value instanceof ConfigNode.Sequence seq)) {
            error(key, value, "expected a list of strings, got " + value.describe());
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : seq.items()) {
            if (item instanceof ConfigNode.Scalar s && s.kind() != ConfigNode.Scalar.Kind.NULL) {
                out.add(s.text());
            } else {
                error(key, item, "expected a string in the list, got " + item.describe());
            }
        }
        return List.copyOf(out);
    }

    /** Reads a scalar through a parser whose IllegalArgumentException message becomes the error. */
    <T> T parsed(String key, T defaultValue, Function<String, T> parser) {
        ConfigNode value = take(key);
        if (value == null || isNull(value)) {
            return defaultValue;
        }
        if (!(value instanceof ConfigNode.Scalar s)) {
            error(key, value, "expected a single value, got " + value.describe());
            return defaultValue;
        }
        try {
            return parser.apply(s.text());
        } catch (IllegalArgumentException e) {
            error(key, value, e.getMessage());
            return defaultValue;
        }
    }

    /** Reports an error about key's value (or the section itself when the key is absent). */
    void error(String key, String message) {
        ConfigNode value = node.entries().get(key);
        error(key, value, message);
    }

    /** Reports an error about this section as a whole. */
    void errorHere(String message) {
        context.errors.add(new ConfigError(context.source, node.position(), path, message));
    }

    /** Reports keys present in the file that no code read. */
    void finish() {
        Set<String> known = new TreeSet<>();
        for (String s : context.schema) {
            String prefix = schemaPath.isEmpty() ? "" : schemaPath + ".";
            if (s.startsWith(prefix)) {
                String rest = s.substring(prefix.length());
                int dot = rest.indexOf('.');
                int bracket = rest.indexOf('[');
                int end = dot < 0 ? rest.length() : dot;
                if (bracket >= 0 && bracket < end) {
                    end = bracket;
                }
                if (!rest.isEmpty()) {
                    known.add(rest.substring(0, end));
                }
            }
        }
        for (var entry : node.keyPositions().entrySet()) {
            if (!read.contains(entry.getKey())) {
                context.errors.add(new ConfigError(context.source, entry.getValue(), child(entry.getKey()),
                        "unknown setting (known here: " + String.join(", ", known) + ")"));
            }
        }
    }

    private ConfigNode take(String key) {
        read.add(key);
        context.schema.add(childSchema(key));
        return node.entries().get(key);
    }

    private void error(String key, ConfigNode value, String message) {
        Position at = value != null ? value.position()
                : node.keyPositions().getOrDefault(key, node.position());
        context.errors.add(new ConfigError(context.source, at, child(key), message));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String childSchema(String key) {
        return schemaPath.isEmpty() ? key : schemaPath + "." + key;
    }

    private static boolean isNull(ConfigNode value) {
        return value instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Scalar.Kind.NULL;
    }
}
