package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The watched process.
 *
 * @param pid     process id
 * @param command its command line
 * @param jvm     the JVM version, null for a process that is not a (reachable) JVM
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(long pid, String command, String jvm) {}
