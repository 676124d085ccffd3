package dev.leakwatch.agent.findings;

import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.jvm.profile.http.HttpStatusException;
import dev.leakwatch.jvm.profile.http.QueryParams;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /api/v1/findings}: {@code pid=N}, {@code verdict=leak|no-leak|inconclusive}
 * and {@code all=true|false} (by default only processes whose latest diagnosis has findings).
 * Unknown parameters are refused, so that a misspelt filter never silently returns everything.
 */
record FindingsQuery(OptionalLong pid, Optional<Verdict> verdict, boolean all) {
    private static final Set<String> KNOWN = Set.of("pid", "verdict", "all");
    private static final String VERDICTS = Arrays.stream(Verdict.values()).map(Verdict::id)
            .collect(Collectors.joining(", "));

    /** @throws HttpStatusException 400 naming the bad parameter */
    static FindingsQuery parse(QueryParams params) throws HttpStatusException {
        Set<String> unknown = new TreeSet<>(params.names());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new HttpStatusException(400, "unknown query parameter " + String.join(", ", unknown)
                    + "; known: pid, verdict, all");
        }
        return new FindingsQuery(params.pid(), verdict(params.value("verdict")), all(params.value("all")));
    }

    boolean accepts(ProcessFindings entry) {
        if (pid.isPresent() && entry.process().pid() != pid.getAsLong()) {
            return false;
        }
        if (verdict.isPresent() && entry.diagnosis().verdict() != verdict.get()) {
            return false;
        }
        return all || !entry.diagnosis().findings().isEmpty();
    }

    private static Optional<Verdict> verdict(Optional<String> value) throws HttpStatusException {
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        for (Verdict v : Verdict.values()) {
            if (v.id().equals(value.get())) {
                return Optional.of(v);
            }
        }
        throw new HttpStatusException(400, "verdict must be one of " + VERDICTS + ", got '" + value.get() + "'");
    }

    /** A bare {@code all} (no value) reads as a flag that is set. */
    private static boolean all(Optional<String> value) throws HttpStatusException {
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get()) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new HttpStatusException(400, "all must be true or false, got '" + value.get() + "'");
        };
    }
}
