package dev.leakwatch.jvm.jfr;

import dev.leakwatch.core.heap.JavaNames;
import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the {@code jdk.OldObjectSample} events of a JFR file and answers, per sampled type, where such
 * objects are allocated and what holds them, and fills in histogram culprits with that origin.
 *
 * <p>Samples are what JFR kept: a few hundred live objects, weighted towards large and long-lived
 * allocations, each with its allocation stack and, if the dump searched for them, its reference chain
 * from a GC root ({@link OldObjectSampleReader} describes how they are read). Per type, the most common
 * allocation site and path are reported.
 */
public final class OldObjectAnalysis {

    static final String EVENT = "jdk.OldObjectSample";

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
                    samples.add(OldObjectSampleReader.read(event));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read JFR file " + jfrFile + ": " + e.getMessage(), e);
        } catch (RuntimeException | InternalError e) {
            // The JDK's parser reports some corruptions as unchecked exceptions, and JDK 25's as an
            // InternalError for a malformed type name; for a file read from disk they mean the same.
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

    /** {@link #attribute(Culprit)} for each culprit, order kept. */
    public List<Culprit> attributeAll(List<Culprit> culprits) {
        return culprits.stream().map(this::attribute).toList();
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
}
