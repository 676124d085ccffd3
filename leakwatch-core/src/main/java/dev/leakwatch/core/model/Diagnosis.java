package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The result of watching one process: the {@code leakwatch.diagnosis/v1} document.
 *
 * @param schema   always {@link #SCHEMA}
 * @param target   the process
 * @param window   what was watched
 * @param verdict  leak, no-leak or inconclusive
 * @param reason   why, when inconclusive, or what detail is missing (e.g. heap detail when attach was refused)
 * @param findings one per growing resource, leaks first
 * @param captures every capture taken from the target, in order (an addition to v1)
 * @param trends   every resource watched with its series and fit (an addition to v1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "target", "window", "verdict", "reason", "findings", "captures", "trends"})
public record Diagnosis(
        String schema,
        Target target,
        Window window,
        Verdict verdict,
        String reason,
        List<Finding> findings,
        List<Evidence> captures,
        List<Trend> trends) {

    public static final String SCHEMA = "leakwatch.diagnosis/v1";

    public Diagnosis {
        findings = findings == null ? List.of() : List.copyOf(findings);
        captures = captures == null ? List.of() : List.copyOf(captures);
        trends = trends == null ? List.of() : List.copyOf(trends);
    }
}
