package dev.leakwatch.core.detect;

import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Trend;
import java.util.Optional;

/**
 * One resource's result: the trend (always, for charts and review) and a finding when the
 * resource leaks or is suspected to.
 */
public record Assessment(Trend trend, Optional<Finding> finding) {}
