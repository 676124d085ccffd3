package dev.leakwatch.agent.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Renders {@code leakwatch ps} rows as an aligned text table or as JSON. */
final class PsFormatter {
    static final int COMMAND_WIDTH = 80;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NO_GC_YET_MARK = "*";
    private static final String TEXT_FORMAT = "%-8s %-10s %8s %5s %6s %-22s %-10s %s%n";

    private PsFormatter() {}

    static String text(List<PsRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, TEXT_FORMAT,
                "PID", "USER", "RSS", "THR", "FDS", "HEAP AFTER GC / MAX", "JVM", "COMMAND"));
        for (PsRow row : rows) {
            String heap = row.jvm().map(PsFormatter::heapColumn).orElse("");
            String version = row.jvm().map(PsRow.Jvm::javaVersion).orElse("");
            out.append(String.format(Locale.ROOT, TEXT_FORMAT,
                    row.pid(), truncate(row.user(), 10), bytes(row.rssBytes()), count(row.threads()),
                    count(row.fds()), heap, truncate(version, 10), truncate(row.command(), COMMAND_WIDTH)));
        }
        if (rows.stream().anyMatch(PsFormatter::noGcYet)) {
            out.append(NO_GC_YET_MARK).append(" no GC yet: heap in use instead of after GC").append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {"processes":[{pid, user, rssBytes, threads, fds, command, jvm:{...}}]}; unknowns are null. */
    static String json(List<PsRow> rows) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode processes = root.putArray("processes");
        for (PsRow row : rows) {
            ObjectNode p = processes.addObject();
            p.put("pid", row.pid());
            p.put("user", row.user());
            putKnown(p, "rssBytes", row.rssBytes());
            putKnown(p, "threads", row.threads());
            putKnown(p, "fds", row.fds());
            p.put("command", row.command());
            row.jvm().ifPresent(jvm -> {
                ObjectNode j = p.putObject("jvm");
                j.put("javaVersion", jvm.javaVersion());
                j.put("vmVersion", jvm.vmVersion());
                put(j, "heapUsedBytes", jvm.heapUsedBytes());
                put(j, "heapAfterGcBytes", jvm.heapAfterGcBytes());
                put(j, "heapMaxBytes", jvm.heapMaxBytes());
                put(j, "oldGenAfterFullGcBytes", jvm.oldGenAfterFullGcBytes());
                jvm.error().ifPresent(e -> j.put("error", e));
            });
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ps JSON", e);
        }
    }

    /** "after GC / max percent"; before the first GC the heap in use, marked with '*'. */
    private static String heapColumn(PsRow.Jvm jvm) {
        if (jvm.error().isPresent()) {
            return "?";
        }
        OptionalLong shown = jvm.heapAfterGcBytes().isPresent() ? jvm.heapAfterGcBytes() : jvm.heapUsedBytes();
        String mark = jvm.heapAfterGcBytes().isPresent() ? "" : NO_GC_YET_MARK;
        String used = shown.isPresent() ? bytes(shown.getAsLong()) + mark : "?";
        String max = jvm.heapMaxBytes().isPresent() ? bytes(jvm.heapMaxBytes().getAsLong()) : "?";
        String percent = shown.isPresent() && jvm.heapMaxBytes().isPresent() && jvm.heapMaxBytes().getAsLong() > 0
                ? String.format(Locale.ROOT, " %d%%", Math.round(100.0 * shown.getAsLong() / jvm.heapMaxBytes().getAsLong()))
                : "";
        return used + "/" + max + percent;
    }

    private static boolean noGcYet(PsRow row) {
        return row.jvm().map(j -> j.error().isEmpty() && j.heapAfterGcBytes().isEmpty()).orElse(false);
    }

    /** Binary units with one decimal: 512B, 1.5K, 64.0M, 2.0G. */
    static String bytes(long value) {
        if (value < 0) {
            return "-";
        }
        if (value < 1024) {
            return value + "B";
        }
        String units = "KMGTPE";
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length() - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%c", scaled, units.charAt(unit));
    }

    private static String count(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static void putKnown(ObjectNode node, String name, long value) {
        if (value < 0) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, OptionalLong value) {
        if (value.isPresent()) {
            node.put(name, value.getAsLong());
        } else {
            node.putNull(name);
        }
    }
}
