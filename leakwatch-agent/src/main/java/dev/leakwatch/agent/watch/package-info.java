/**
 * The agent's continuous leak watch: every process with history in the series store, and the
 * agent itself, goes through the diagnose detectors on a rolling window; a suspicion triggers a
 * rate-limited evidence capture (the diagnose engine) whose culprits become the stored finding,
 * and the state of every process and resource is exported as metrics and logged once per change.
 */
package dev.leakwatch.agent.watch;
