package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who leaks: a growing class, a piled-up thread stack, an open-file pattern or a class-loader type.
 * Fields that do not apply to a kind are null and left out of the JSON.
 *
 * @param kind            what this culprit names
 * @param name            class name, thread name pattern (digits as {@code *}), fd target pattern, or loader type
 * @param growth          growth over the window in the finding's unit (bytes for classes)
 * @param instancesGrowth instances (classes: objects; loaders: loader instances) gained over the window
 * @param allocationSite  {@code Class.method(File.java:line)} of the application frame that allocates it
 * @param gcRootPath      from the GC root to the leaking object, outermost first
 * @param count           threads in a stack group, or fds in a pattern group, at the end of the window
 * @param state           thread state of a stack group
 * @param frames          top frames of a stack group, application frames first
 * @param type            fd type: {@code file}, {@code socket}, {@code pipe}, {@code anon}, {@code other}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Culprit(
        CulpritKind kind,
        String name,
        Long growth,
        Long instancesGrowth,
        String allocationSite,
        List<String> gcRootPath,
        Integer count,
        String state,
        List<String> frames,
        String type) {

    public Culprit {
        gcRootPath = gcRootPath == null ? null : List.copyOf(gcRootPath);
        frames = frames == null ? null : List.copyOf(frames);
    }

    /** A growing class, as seen across class histograms. */
    public static Culprit ofClass(String className, long bytesGrowth, long instancesGrowth) {
        return new Culprit(CulpritKind.CLASS, className, bytesGrowth, instancesGrowth, null, null, null, null, null, null);
    }

    /** A group of threads sharing name pattern, state and top frames. */
    public static Culprit ofThreads(String namePattern, int count, long growth, String state, List<String> frames) {
        return new Culprit(CulpritKind.THREAD_STACK, namePattern, growth, null, null, null, count, state, frames, null);
    }

    /** A group of open fds sharing a classified target pattern. */
    public static Culprit ofFds(String targetPattern, String fdType, int count, long growth) {
        return new Culprit(CulpritKind.FD, targetPattern, growth, null, null, null, count, null, null, fdType);
    }

    /** A class-loader type whose instances and loaded classes grow. */
    public static Culprit ofClassLoader(String loaderType, long classesGrowth, long instancesGrowth) {
        return new Culprit(CulpritKind.CLASS_LOADER, loaderType, classesGrowth, instancesGrowth, null, null, null, null, null, null);
    }

    /** This culprit with its allocation site and path from a GC root, as JFR old-object samples showed them. */
    public Culprit withOrigin(String site, List<String> rootPath) {
        return new Culprit(kind, name, growth, instancesGrowth, site, rootPath, count, state, frames, type);
    }
}
