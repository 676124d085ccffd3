package dev.leakwatch.jvm.jfr;

import dev.leakwatch.core.heap.JavaNames;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Turns one {@code jdk.OldObjectSample} event into an {@link OldObjectSample}.
 *
 * <p>Implementation notes. The event's {@code object} has a {@code type} and a {@code referrer}
 * ({@code field} or {@code array} step, the holding {@code object}, and a {@code skip} count where JFR
 * left out the middle of a long chain), up to the object found from the GC root {@code root}
 * ({@code type}, {@code system}, {@code description}). Steps print as the Java programmer names them:
 * {@code java.util.HashMap.table} for a field of a HashMap, {@code java.util.HashMap$Node[]} for an
 * element of such an array. A static field is held by its class's mirror ({@code java.lang.Class},
 * described as {@code Class Name: X}); that step reads {@code static X.field} and starts the path,
 * because how the mirror itself is reached (its loader, a stack frame) says nothing about the leak.
 * Otherwise the path starts with the root's description. The allocation site is the first frame
 * outside the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}) and
 * outside hidden frames (lambda forms), printed as a stack trace prints it; JFR records no source file
 * names, so the file is derived from the top-level class name (exact for Java sources).
 */
final class OldObjectSampleReader {

    private static final int MAX_APP_FRAMES = 8;
    /** Chains JFR writes are bounded (it skips the middle of long ones); this only guards against bad input. */
    private static final int MAX_PATH_STEPS = 1_000;
    private static final String CLASS_MIRROR = "java.lang.Class";
    private static final String CLASS_NAME_PREFIX = "Class Name: ";

    private OldObjectSampleReader() {}

    static OldObjectSample read(RecordedEvent event) {
        RecordedObject object = child(event, "object");
        String type = object == null ? "?" : typeOf(object);
        return new OldObjectSample(type, appFrames(event.getStackTrace()), pathOf(object, type, child(event, "root")));
    }

    private static List<OldObjectSample.Frame> appFrames(RecordedStackTrace stack) {
        List<OldObjectSample.Frame> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            RecordedMethod method = frame.getMethod();
            if (!frame.isJavaFrame() || method == null || method.isHidden() || method.getType() == null) {
                continue;
            }
            String className = method.getType().getName();
            if (JavaNames.isJdkType(className)) {
                continue;
            }
            frames.add(new OldObjectSample.Frame(className, method.getName(),
                    format(className, method.getName(), frame.getLineNumber())));
            if (frames.size() == MAX_APP_FRAMES) {
                break;
            }
        }
        return frames;
    }

    /** {@code Class.method(File.java:line)}, the file derived from the top-level class. */
    static String format(String className, String method, int line) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        String file = (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
        return className + "." + method + "(" + file + (line > 0 ? ":" + line : "") + ")";
    }

    private static List<OldObjectSample.PathStep> pathOf(RecordedObject object, String type, RecordedObject root) {
        List<OldObjectSample.PathStep> leafToRoot = new ArrayList<>();
        leafToRoot.add(new OldObjectSample.PathStep(type, type));
        RecordedObject current = object;
        for (int i = 0; i < MAX_PATH_STEPS && current != null; i++) {
            RecordedObject reference = child(current, "referrer");
            RecordedObject holder = reference == null ? null : child(reference, "object");
            if (holder == null) {
                break;
            }
            if (reference.hasField("skip") && reference.getInt("skip") > 0) {
                leafToRoot.add(new OldObjectSample.PathStep("... " + reference.getInt("skip") + " references", null));
            }
            String holderType = typeOf(holder);
            leafToRoot.add(new OldObjectSample.PathStep(stepText(holder, holderType, child(reference, "field")), holderType));
            current = holder;
        }
        Collections.reverse(leafToRoot);
        boolean startsAtStaticField = leafToRoot.get(0).text().startsWith("static ");
        if (root != null && !startsAtStaticField && leafToRoot.size() > 1) {
            leafToRoot.add(0, new OldObjectSample.PathStep(rootText(root), null));
        }
        return leafToRoot;
    }

    private static String stepText(RecordedObject holder, String holderType, RecordedObject field) {
        if (field == null || !field.hasField("name")) {
            return holderType; // an array element, or a reference JFR does not name
        }
        String name = field.getString("name");
        int modifiers = field.hasField("modifiers") && field.getValue("modifiers") instanceof Number number
                ? number.intValue() : 0;
        if (Modifier.isStatic(modifiers) && holderType.equals(CLASS_MIRROR)) {
            String description = holder.hasField("description") ? holder.getString("description") : null;
            String owner = description != null && description.startsWith(CLASS_NAME_PREFIX)
                    ? description.substring(CLASS_NAME_PREFIX.length()).strip()
                    : "?";
            return "static " + owner + "." + name;
        }
        return holderType + "." + name;
    }

    private static String rootText(RecordedObject root) {
        String type = stringOr(root, "type", "unknown");
        String system = stringOr(root, "system", null);
        String description = stringOr(root, "description", null);
        return "GC root: " + type + (system == null ? "" : " (" + system + ")")
                + (description == null ? "" : ": " + description);
    }

    private static String typeOf(RecordedObject object) {
        RecordedClass type = object.hasField("type") ? object.getClass("type") : null;
        return type == null ? "?" : JavaNames.fromBinaryName(type.getName());
    }

    private static RecordedObject child(RecordedObject parent, String field) {
        return parent.hasField(field) && parent.getValue(field) instanceof RecordedObject child ? child : null;
    }

    private static String stringOr(RecordedObject object, String field, String fallback) {
        String value = object.hasField(field) ? object.getString(field) : null;
        return value == null ? fallback : value;
    }
}
