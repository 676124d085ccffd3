/**
 * What the leak watch concluded about each watched process, kept durably under the data
 * directory so that a restart does not forget a leak, and served at {@code /api/v1/findings}.
 */
package dev.leakwatch.agent.findings;
