package dev.leakwatch.jvm.profile;

import dev.leakwatch.jvm.attach.AttachRefusedException;
import dev.leakwatch.jvm.attach.JvmConnection;
import java.util.Optional;
import javax.management.MBeanServerConnection;

/**
 * Another local JVM, through a {@link JvmConnection} (a checked, safe attach and its local
 * JMX connector). JFR goes through the target's FlightRecorderMXBean; a recording running
 * when the connection closes is closed first.
 */
final class AttachedTarget implements ProfileTarget {
    private final JvmConnection connection;
    private final Optional<JfrRecorder> jfr;

    private AttachedTarget(JvmConnection connection) {
        this.connection = connection;
        MBeanServerConnection mbeans = connection.mbeanServer();
        this.jfr = MBeanJfrRecorder.isAvailable(mbeans)
                ? Optional.of(new MBeanJfrRecorder(mbeans, connection::registerDependent, connection::unregisterDependent))
                : Optional.empty();
    }

    static AttachedTarget attach(long pid) throws TargetUnreachableException {
        try {
            return new AttachedTarget(JvmConnection.open(pid));
        } catch (AttachRefusedException e) {
            TargetUnreachableException.Kind kind = switch (e.reason()) {
                case NO_SUCH_PROCESS -> TargetUnreachableException.Kind.NO_SUCH_PROCESS;
                case TIMEOUT, FAILED -> TargetUnreachableException.Kind.FAILED;
                default -> TargetUnreachableException.Kind.REFUSED;
            };
            throw new TargetUnreachableException(kind, e.getMessage(), e);
        }
    }

    @Override
    public long pid() {
        return connection.pid();
    }

    @Override
    public String name() {
        return ProgramName.fromJavaCommand(connection.info().command());
    }

    @Override
    public MBeanServerConnection mbeans() {
        return connection.mbeanServer();
    }

    @Override
    public Optional<JfrRecorder> jfr() {
        return jfr;
    }

    @Override
    public void close() {
        connection.close();
    }
}
