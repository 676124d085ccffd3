package dev.leakwatch.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it was written, so that every error names a line
 * and column. Jackson's tree model drops locations, hence this small tree of our own.
 */
sealed interface ConfigNode {
    Position position();

    /** A short description of the node's kind for "expected X, got Y" messages. */
    String describe();

    record Scalar(String text, Kind kind, Position position) implements ConfigNode {
        enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

        @Override
        public String describe() {
            return kind == Kind.NULL ? "null" : '"' + text + '"';
        }
    }

    record Sequence(List<ConfigNode> items, Position position) implements ConfigNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A mapping; keys keep their own positions for "unknown setting" errors.
     *
     * @param entries      values by key, in file order
     * @param keyPositions where each key was written
     */
    record Mapping(Map<String, ConfigNode> entries, Map<String, Position> keyPositions, Position position)
            implements ConfigNode {
        static Mapping empty(Position position) {
            return new Mapping(new LinkedHashMap<>(), new LinkedHashMap<>(), position);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
