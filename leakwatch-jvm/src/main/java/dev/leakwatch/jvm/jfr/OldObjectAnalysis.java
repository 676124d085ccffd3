package dev.leakwatch.jvm.jfr;

import dev.leakwatch.core.heap.JavaNames;
import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the {@code jdk.OldObjectSample} events of a JFR file and answers, per sampled type, where such
 * objects are allocated and what holds them.
 *
 * <p>Implementation notes. Each sample carries the object's type, its allocation stack and, when the
 * dump searched for them, the chain of referrers up to a GC root ({@code object.referrer.object...},
 * with a {@code skip} count where JFR left out the middle of a long chain). The allocation site is the
 * first frame outside the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}),
 * printed as a stack trace prints it; JFR does not record source file names, so the file is derived
 * from the top-level class name (exact for Java sources). A reference from a static field is held by the
 * class's mirror ({@code java.lang.Class}); such a step reads {@code static Owner.field} and starts the
 * path, because how the mirror itself is reached (its class loader, a stack frame) says nothing about
 * the leak. Otherwise the path starts with the GC root's description. Samples are what JFR kept: a few
 * hundred, weighted towards large and long-lived allocations.
 */
public final class OldObjectAnalysis {

    static final String EVENT = "jdk.OldObjectSample";
    private static final int MAX_APP_FRAMES = 8;
    /** Chains JFR writes are bounded (it skips the middle of long ones); this only guards against bad input. */
    private static final int MAX_PATH_STEPS = 1_000;
    private static final String CLASS_MIRROR = "java.lang.Class";
    private static final String CLASS_NAME_PREFIX = "Class Name: ";

    private final List<OldObjectSample> samples;
    private final List<SampledType> types;

    OldObjectAnalysis(List<OldObjectSample> samples) {
        this.samples = List.copyOf(samples);
        this.types = summarise(this.samples);
    }

    /**
     * Reads the old-object samples of a JFR file (other events are skipped).
     *
     * @throws IOException if the file cannot be read or is not a well-formed JFR file
     */
    public static OldObjectAnalysis analyze(Path jfrFile) throws IOException {
        List<OldObjectSample> samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(jfrFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals(EVENT)) {
                    samples.add(sampleOf(event));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read JFR file " + jfrFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The JDK's parser reports some corruptions as unchecked exceptions; they mean the same.
            throw new IOException("malformed JFR file " + jfrFile + ": " + e, e);
        }
        return new OldObjectAnalysis(samples);
    }

    /** Samples read. */
    public int sampleCount() {
        return samples.size();
    }

    /** Every sampled type, most samples first. */
    public List<SampledType> types() {
        return types;
    }

    /** The summary of one sampled type, by Java source name. */
    public Optional<SampledType> type(String className) {
        return types.stream().filter(type -> type.className().equals(className)).findFirst();
    }

    /**
     * The culprit with its allocation site and GC-root path filled in from the samples, or unchanged
     * when the samples say nothing about it (or it is not a class culprit).
     *
     * <p>Samples of the culprit's own type answer directly: for a JDK type ({@code byte[]}) their first
     * application frame names the application code that allocates it. Otherwise the samples whose path
     * passes through an object of the culprit's type answer: the path is cut at that object, and the site
     * is where the sampled object was allocated, unless that was in the constructor of the culprit or of an
     * object it holds (the {@code byte[]} a {@code MetricPoint} makes for itself), in which case it is the
     * constructor's caller, i.e. where that object was made.
     */
    public Culprit attribute(Culprit culprit) {
        if (culprit.kind() != CulpritKind.CLASS) {
            return culprit;
        }
        Optional<SampledType> own = type(culprit.name());
        if (own.isPresent() && (own.get().allocationSite() != null || !own.get().gcRootPath().isEmpty())) {
            return culprit.withOrigin(own.get().allocationSite(), nullIfEmpty(own.get().gcRootPath()));
        }
        List<String> sites = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        for (OldObjectSample sample : samples) {
            int holder = indexOfType(sample.path(), culprit.name());
            if (holder < 0) {
                continue;
            }
            List<String> path = new ArrayList<>(sample.pathTexts().subList(0, holder));
            path.add(culprit.name());
            paths.add(path);
            siteThrough(sample, holder).ifPresent(sites::add);
        }
        if (paths.isEmpty()) {
            return culprit;
        }
        return culprit.withOrigin(mostCommon(sites), mostCommon(paths));
    }

    private static int indexOfType(List<OldObjectSample.PathStep> path, String type) {
        for (int i = 0; i < path.size(); i++) {
            if (type.equals(path.get(i).objectType())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the object at {@code path[holder]} was made, judged from the sampled object's stack: its first
     * application frame, skipping constructors of the objects between the holder and the sample (a
     * constructor that allocates a field runs after its own object was allocated by its caller).
     */
    private static Optional<String> siteThrough(OldObjectSample sample, int holder) {
        Set<String> heldTypes = new HashSet<>();
        for (OldObjectSample.PathStep step : sample.path().subList(holder, sample.path().size())) {
            heldTypes.add(step.objectType());
        }
        for (OldObjectSample.Frame frame : sample.appFrames()) {
            boolean heldConstructor = frame.method().equals("<init>")
                    && heldTypes.contains(JavaNames.fromBinaryName(frame.className()));
            if (!heldConstructor) {
                return Optional.of(frame.text());
            }
        }
        return Optional.empty();
    }

    private static List<SampledType> summarise(List<OldObjectSample> samples) {
        Map<String, List<OldObjectSample>> byType = new LinkedHashMap<>();
        for (OldObjectSample sample : samples) {
            byType.computeIfAbsent(sample.type(), type -> new ArrayList<>()).add(sample);
        }
        List<SampledType> types = new ArrayList<>();
        for (Map.Entry<String, List<OldObjectSample>> entry : byType.entrySet()) {
            List<String> sites = new ArrayList<>();
            List<List<String>> paths = new ArrayList<>();
            for (OldObjectSample sample : entry.getValue()) {
                if (!sample.appFrames().isEmpty()) {
                    sites.add(sample.appFrames().get(0).text());
                }
                if (sample.path().size() > 1) {
                    paths.add(sample.pathTexts());
                }
            }
            List<String> path = mostCommon(paths);
            types.add(new SampledType(entry.getKey(), entry.getValue().size(), mostCommon(sites),
                    path == null ? List.of() : path));
        }
        types.sort(Comparator.comparingInt(SampledType::samples).reversed());
        return List.copyOf(types);
    }

    /** The most frequent value, the first seen among equals; null for none. */
    private static <T> T mostCommon(List<T> values) {
        Map<T, Integer> counts = new LinkedHashMap<>();
        for (T value : values) {
            counts.merge(value, 1, Integer::sum);
        }
        T best = null;
        int bestCount = 0;
        for (Map.Entry<T, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }

    private static List<String> nullIfEmpty(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    static OldObjectSample sampleOf(RecordedEvent event) {
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
