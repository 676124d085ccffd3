package dev.leakwatch.core.pprof;

import dev.leakwatch.core.pprof.proto.ProfileProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Assembles one pprof profile.
 *
 * <p>Implementation note: pprof normalises everything through tables. Strings go to a
 * string table (entry 0 is ""), each distinct (function name, file) becomes one
 * {@code Function} and each distinct (function, line) one {@code Location}; ids count from
 * 1 in order of first use. Samples with the same locations and labels are merged by adding
 * their values, so a caller may add one sample per event (one per thread, one per JFR
 * event) and the profile still lists each stack once. A single mapping tells pprof that
 * functions, files and lines are already resolved, so it never tries to symbolize
 * addresses. Format: github.com/google/pprof proto/profile.proto.
 *
 * <p>Not thread-safe: one builder per profile.
 */
public final class ProfileBuilder {
    private static final long MAPPING_ID = 1;

    private final ProfileSchema schema;
    private final StringTable strings = new StringTable();
    private final Map<FunctionKey, Long> functionIds = new HashMap<>();
    private final Map<LocationKey, Long> locationIds = new HashMap<>();
    private final List<ProfileProto.Function> functions = new ArrayList<>();
    private final List<ProfileProto.Location> locations = new ArrayList<>();
    private final Map<SampleKey, long[]> samples = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();
    private String program = "jvm";
    private long period;
    private long timeNanos;
    private long durationNanos;

    public ProfileBuilder(ProfileSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public ProfileSchema schema() {
        return schema;
    }

    /** The name pprof shows as the profiled program ("File:"), e.g. the main class; "jvm" by default. */
    public ProfileBuilder program(String program) {
        this.program = Objects.requireNonNull(program, "program");
        return this;
    }

    /** The number of events between samples, in the schema's period type (e.g. the CPU sampling interval). */
    public ProfileBuilder period(long period) {
        this.period = period;
        return this;
    }

    /** When collection started, in nanoseconds since the epoch. */
    public ProfileBuilder timeNanos(long timeNanos) {
        this.timeNanos = timeNanos;
        return this;
    }

    public ProfileBuilder durationNanos(long durationNanos) {
        this.durationNanos = durationNanos;
        return this;
    }

    /** Free text that pprof shows with the profile (e.g. how it was collected). */
    public ProfileBuilder comment(String comment) {
        comments.add(Objects.requireNonNull(comment, "comment"));
        return this;
    }

    /** Adds a sample without labels. */
    public ProfileBuilder addSample(List<StackFrame> leafFirst, long... values) {
        return addSample(leafFirst, List.of(), values);
    }

    /**
     * Adds one sample, merged with any earlier sample of the same stack and labels.
     *
     * @param leafFirst the stack, innermost frame first
     * @param values one value per sample type of the schema
     */
    public ProfileBuilder addSample(List<StackFrame> leafFirst, List<Label> labels, long... values) {
        if (values.length != schema.sampleTypes().size()) {
            throw new IllegalArgumentException("expected " + schema.sampleTypes().size() + " values "
                    + schema.sampleTypes() + ", got " + values.length);
        }
        long[] ids = new long[leafFirst.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = locationId(leafFirst.get(i));
        }
        SampleKey key = new SampleKey(ids, List.copyOf(labels));
        long[] sum = samples.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
        return this;
    }

    /** The number of distinct samples so far (after merging). */
    public int sampleCount() {
        return samples.size();
    }

    public ProfileProto.Profile build() {
        ProfileProto.Profile.Builder profile = ProfileProto.Profile.newBuilder();
        for (ValueType type : schema.sampleTypes()) {
            profile.addSampleType(valueType(type));
        }
        profile.setPeriodType(valueType(schema.periodType())).setPeriod(period);
        if (schema.defaultSampleType() != null) {
            profile.setDefaultSampleType(strings.intern(schema.defaultSampleType()));
        }
        for (Map.Entry<SampleKey, long[]> e : samples.entrySet()) {
            ProfileProto.Sample.Builder sample = ProfileProto.Sample.newBuilder();
            for (long id : e.getKey().locationIds()) {
                sample.addLocationId(id);
            }
            for (long v : e.getValue()) {
                sample.addValue(v);
            }
            for (Label label : e.getKey().labels()) {
                sample.addLabel(label(label));
            }
            profile.addSample(sample);
        }
        profile.addMapping(ProfileProto.Mapping.newBuilder()
                .setId(MAPPING_ID)
                .setFilename(strings.intern(program))
                .setHasFunctions(true)
                .setHasFilenames(true)
                .setHasLineNumbers(true));
        profile.addAllLocation(locations).addAllFunction(functions);
        for (String comment : comments) {
            profile.addComment(strings.intern(comment));
        }
        profile.setTimeNanos(timeNanos).setDurationNanos(durationNanos);
        // Last: every intern() above must have happened before the table is written.
        profile.addAllStringTable(strings.strings());
        return profile.build();
    }

    /** The profile, serialized and gzip-compressed as pprof expects. */
    public void writeGzip(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        build().writeTo(gzip);
        gzip.finish();
    }

    public byte[] toGzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeGzip(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private long locationId(StackFrame frame) {
        long functionId = functionIds.computeIfAbsent(new FunctionKey(frame.function(), frame.file()), k -> {
            long id = functions.size() + 1L;
            long name = strings.intern(k.name());
            functions.add(ProfileProto.Function.newBuilder()
                    .setId(id)
                    .setName(name)
                    .setSystemName(name)
                    .setFilename(strings.intern(k.file()))
                    .build());
            return id;
        });
        return locationIds.computeIfAbsent(new LocationKey(functionId, frame.line()), k -> {
            long id = locations.size() + 1L;
            locations.add(ProfileProto.Location.newBuilder()
                    .setId(id)
                    .setMappingId(MAPPING_ID)
                    .addLine(ProfileProto.Line.newBuilder().setFunctionId(k.functionId()).setLine(k.line()))
                    .build());
            return id;
        });
    }

    private ProfileProto.ValueType valueType(ValueType type) {
        return ProfileProto.ValueType.newBuilder()
                .setType(strings.intern(type.type()))
                .setUnit(strings.intern(type.unit()))
                .build();
    }

    private ProfileProto.Label label(Label label) {
        ProfileProto.Label.Builder b = ProfileProto.Label.newBuilder().setKey(strings.intern(label.key()));
        if (label.str() != null) {
            b.setStr(strings.intern(label.str()));
        } else {
            b.setNum(label.num());
            if (label.unit() != null) {
                b.setNumUnit(strings.intern(label.unit()));
            }
        }
        return b.build();
    }

    private record FunctionKey(String name, String file) {}

    private record LocationKey(long functionId, int line) {}

    /** Location ids compared by content (arrays compare by identity in records). */
    private record SampleKey(long[] locationIds, List<Label> labels) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SampleKey k && Arrays.equals(locationIds, k.locationIds) && labels.equals(k.labels);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(locationIds) + labels.hashCode();
        }

        @Override
        public String toString() {
            return Arrays.toString(locationIds) + labels;
        }
    }
}
