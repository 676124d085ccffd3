package dev.leakwatch.jvm.jfr;

import java.util.List;

/**
 * One {@code jdk.OldObjectSample}, reduced to what attribution needs.
 *
 * @param type      Java source name of the sampled object's type
 * @param appFrames application frames of its allocation stack, innermost first (JDK frames dropped)
 * @param path      steps from the GC root (or the outermost known referrer) down to the object
 */
record OldObjectSample(String type, List<Frame> appFrames, List<PathStep> path) {

    OldObjectSample {
        appFrames = List.copyOf(appFrames);
        path = List.copyOf(path);
    }

    /**
     * An application frame.
     *
     * @param className binary name of the declaring class
     * @param method    method name ({@code <init>} for constructors)
     * @param text      {@code Class.method(File.java:line)}
     */
    record Frame(String className, String method, String text) {}

    /**
     * One step of a reference chain.
     *
     * @param text       as shown: {@code static com.example.Agent.cache}, {@code java.util.HashMap.table},
     *                   {@code java.util.HashMap$Node[]}, {@code com.example.MetricPoint}, a GC root, or a gap
     * @param objectType type of the object this step passes through, null for a root or a gap
     */
    record PathStep(String text, String objectType) {}

    List<String> pathTexts() {
        return path.stream().map(PathStep::text).toList();
    }
}
