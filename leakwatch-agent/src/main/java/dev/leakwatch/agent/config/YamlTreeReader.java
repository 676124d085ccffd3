package dev.leakwatch.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a {@link ConfigNode} tree with positions, through Jackson's streaming
 * YAML parser (the token locations are the only place positions survive). Duplicate keys are
 * reported as errors rather than silently overwritten.
 */
final class YamlTreeReader {
    // A key with nothing after it ("max_series:") means "not set", as in YAML's own null.
    private static final YAMLFactory FACTORY =
            YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final String source;
    private final List<ConfigError> errors;

    YamlTreeReader(String source, List<ConfigError> errors) {
        this.source = source;
        this.errors = errors;
    }

    /** Parses the first YAML document; an empty document is an empty mapping. Returns null on a syntax error. */
    ConfigNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return ConfigNode.Mapping.empty(new Position(1, 1));
            }
            return readValue(parser, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Position position = at == null ? Position.NONE : new Position(at.getLineNr(), at.getColumnNr());
            errors.add(new ConfigError(source, position, "", "invalid YAML: " + e.getOriginalMessage().replace('\n', ' ')));
            return null;
        } catch (IOException e) {
            errors.add(new ConfigError(source, Position.NONE, "", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private ConfigNode readValue(JsonParser parser, String path) throws IOException {
        Position at = position(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readMapping(parser, path, at);
            case START_ARRAY:
                List<ConfigNode> items = new ArrayList<>();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, path + "[" + index++ + "]"));
                }
                return new ConfigNode.Sequence(List.copyOf(items), at);
            case VALUE_STRING:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Scalar.Kind.STRING, at);
            case VALUE_NUMBER_INT:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Scalar.Kind.INTEGER, at);
            case VALUE_NUMBER_FLOAT:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Scalar.Kind.FLOAT, at);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Scalar.Kind.BOOLEAN, at);
            case VALUE_NULL:
                return new ConfigNode.Scalar("", ConfigNode.Scalar.Kind.NULL, at);
            default:
                // Embedded objects and the like do not occur in text YAML; treat as a string.
                return new ConfigNode.Scalar(parser.getText(), ConfigNode.Scalar.Kind.STRING, at);
        }
    }

    private ConfigNode.Mapping readMapping(JsonParser parser, String path, Position at) throws IOException {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Position> keys = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyAt = position(parser.currentTokenLocation());
            parser.nextToken();
            String childPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode value = readValue(parser, childPath);
            if (entries.containsKey(key)) {
                Position first = keys.get(key);
                errors.add(new ConfigError(source, keyAt, childPath,
                        "duplicate setting (first set at line " + first.line() + ")"));
                continue;
            }
            entries.put(key, value);
            keys.put(key, keyAt);
        }
        return new ConfigNode.Mapping(entries, keys, at);
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Position.NONE;
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
