package dev.leakwatch.jvm.jfr;

import java.util.List;

/**
 * The old-object samples of one type, summarised.
 *
 * @param className      Java source name of the sampled objects' type
 * @param samples        how many samples had this type
 * @param allocationSite most common first application frame of their allocation stacks,
 *                       {@code Class.method(File.java:line)}; null if no stack had an application frame
 * @param gcRootPath     most common path from a GC root to them, outermost first (e.g.
 *                       {@code static com.example.Agent.cache}, {@code java.util.HashMap.table},
 *                       {@code java.util.HashMap$Node[]}, {@code java.util.HashMap$Node.value},
 *                       {@code com.example.MetricPoint}); empty if no sample had one
 */
public record SampledType(String className, int samples, String allocationSite, List<String> gcRootPath) {

    public SampledType {
        gcRootPath = List.copyOf(gcRootPath);
    }
}
