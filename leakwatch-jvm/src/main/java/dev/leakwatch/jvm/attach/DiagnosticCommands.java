package dev.leakwatch.jvm.attach;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.IntrospectionException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;

/**
 * Runs jcmd-style command lines through the target's {@code DiagnosticCommand} MBean.
 *
 * <p>The MBean exposes each command as an operation whose name is derived from the command
 * ({@code GC.class_histogram} → {@code gcClassHistogram}) and whose descriptor carries the original
 * name in {@code dcmd.name}; the map is read from the MBean info, so commands added by newer JDKs
 * work too. Commands with options take one {@code String[]}; the JVM joins it with spaces and parses
 * it like jcmd does, so the option text is passed as one element, quoting and all.
 */
final class DiagnosticCommands {

    static final ObjectName MBEAN = objectName("com.sun.management:type=DiagnosticCommand");

    private final MBeanServerConnection connection;
    private final Map<String, MBeanOperationInfo> operationsByCommand;

    private DiagnosticCommands(MBeanServerConnection connection, Map<String, MBeanOperationInfo> operationsByCommand) {
        this.connection = connection;
        this.operationsByCommand = operationsByCommand;
    }

    static DiagnosticCommands of(MBeanServerConnection connection) throws IOException {
        Map<String, MBeanOperationInfo> byCommand = new HashMap<>();
        try {
            for (MBeanOperationInfo operation : connection.getMBeanInfo(MBEAN).getOperations()) {
                Object command = operation.getDescriptor().getFieldValue("dcmd.name");
                if (command instanceof String name) {
                    byCommand.put(name, operation);
                }
            }
        } catch (InstanceNotFoundException | IntrospectionException | ReflectionException e) {
            throw new IOException("the target has no DiagnosticCommand MBean: " + e.getMessage(), e);
        }
        return new DiagnosticCommands(connection, byCommand);
    }

    /** Runs e.g. {@code "GC.class_histogram"} or {@code "JFR.start name=x settings=none"}, returns its output. */
    String run(String commandLine) throws IOException {
        String line = commandLine.strip();
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String options = space < 0 ? "" : line.substring(space + 1).strip();
        MBeanOperationInfo operation = operationsByCommand.get(command);
        if (operation == null) {
            throw new IOException("the target JVM has no diagnostic command '" + command + "'");
        }
        Object[] parameters;
        String[] signature;
        if (operation.getSignature().length == 0) {
            if (!options.isEmpty()) {
                throw new IOException("diagnostic command " + command + " takes no options, got '" + options + "'");
            }
            parameters = new Object[0];
            signature = new String[0];
        } else {
            parameters = new Object[] {options.isEmpty() ? new String[0] : new String[] {options}};
            signature = new String[] {String[].class.getName()};
        }
        try {
            Object result = connection.invoke(MBEAN, operation.getName(), parameters, signature);
            return result == null ? "" : result.toString();
        } catch (MBeanException | RuntimeMBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(command + " failed in the target: " + cause.getMessage(), e);
        } catch (JMException e) {
            throw new IOException(command + " could not be invoked: " + e.getMessage(), e);
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
