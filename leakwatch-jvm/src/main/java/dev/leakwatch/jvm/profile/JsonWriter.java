package dev.leakwatch.jvm.profile;

/**
 * A minimal streaming JSON writer, enough for {@link JvmVars}. Kept here rather than using a
 * JSON library so that the in-process agent, which shares this code, carries no JSON
 * dependency into applications. Commas are placed automatically.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        needsComma = true;
        return this;
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
