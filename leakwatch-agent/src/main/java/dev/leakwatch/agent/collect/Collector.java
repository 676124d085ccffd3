package dev.leakwatch.agent.collect;

/**
 * One source of metrics: reads something and writes what it read into the sink. Small, one job
 * each (as node_exporter's collectors); the framework schedules it, times it out, and reports
 * {@code leakwatch_collector_success}/{@code _duration_seconds}/{@code _skipped_total}. A
 * collector may throw: the run counts as failed and nothing else is affected.
 */
@FunctionalInterface
public interface Collector {
    void collect(MetricSink out) throws Exception;
}
