/**
 * Open file descriptors of any process, grouped into patterns that name what leaks.
 *
 * <p>Input is neutral ({@link dev.leakwatch.core.fd.FdTarget}: fd number and {@code readlink} target, plus a
 * {@link dev.leakwatch.core.fd.SocketResolver} for {@code socket:[inode]} targets), so this package knows nothing
 * of where listings come from. {@link dev.leakwatch.core.fd.FdClassifier} turns a target into an
 * {@link dev.leakwatch.core.fd.FdGroup}; {@link dev.leakwatch.core.fd.FdGrowth} compares timestamped
 * {@link dev.leakwatch.core.fd.FdSample}s and names the groups that grow.
 */
package dev.leakwatch.core.fd;
