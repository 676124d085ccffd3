package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.heap.JavaNames;
import dev.leakwatch.core.pprof.StackFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/** Reading JFR recordings: the events of some types, and their stacks as pprof frames. */
final class JfrEvents {
    /** Stands for an event recorded without a stack, so its values still count. */
    static final StackFrame NO_STACK = StackFrame.named("[no stack]");
    /** Marks the root end of a stack cut at JFR's stack depth, so cut stacks do not pass for whole ones. */
    static final StackFrame TRUNCATED = StackFrame.named("[truncated]");

    private JfrEvents() {}

    /**
     * Calls {@code consumer} for each event of the named types, in file order.
     *
     * @throws IOException if the file is not a readable recording (whatever the JFR parser
     *     throws on a damaged file is reported as this)
     */
    static void read(Path file, Set<String> eventTypes, Consumer<RecordedEvent> consumer) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (eventTypes.contains(event.getEventType().getName())) {
                    consumer.accept(event);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable JFR recording " + file.getFileName() + ": " + e, e);
        }
    }

    /** Whether the recording holds at least one event of the type. */
    static boolean contains(Path file, String eventType) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                if (recording.readEvent().getEventType().getName().equals(eventType)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable JFR recording " + file.getFileName() + ": " + e, e);
        }
    }

    /** The event's stack, leaf first, as pprof frames. */
    static List<StackFrame> stack(RecordedEvent event) {
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null || trace.getFrames().isEmpty()) {
            return List.of(NO_STACK);
        }
        List<StackFrame> frames = new ArrayList<>(trace.getFrames().size() + 1);
        for (RecordedFrame frame : trace.getFrames()) {
            frames.add(new StackFrame(methodName(frame.getMethod()), "", frame.getLineNumber()));
        }
        if (trace.isTruncated()) {
            frames.add(TRUNCATED);
        }
        return frames;
    }

    /** A class-typed field's class name, or "unknown". */
    static String className(RecordedEvent event, String field) {
        if (!event.hasField(field)) {
            return "unknown";
        }
        RecordedClass type = event.getValue(field);
        return type == null || type.getName() == null ? "unknown" : JavaNames.fromBinaryName(type.getName());
    }

    private static String methodName(RecordedMethod method) {
        if (method == null) {
            return "[unknown method]";
        }
        RecordedClass type = method.getType();
        String owner = type == null || type.getName() == null ? "[unknown class]" : type.getName();
        return owner + "." + method.getName();
    }
}
