package dev.leakwatch.core.heap;

import java.util.List;

/**
 * Class names as a Java programmer writes them, whatever tool printed them.
 *
 * <p>Class histograms and JFR print arrays as JVM descriptors ({@code [B},
 * {@code [Ljava.lang.Object;}); reports and comparisons across sources use Java source names
 * ({@code byte[]}, {@code java.lang.Object[]}). Nested classes keep their binary {@code $} form
 * ({@code java.util.HashMap$Node}), which is what both sources print and what a stack trace shows.
 */
public final class JavaNames {

    /** Packages of the JDK itself: their types are containers whose owner is an application class. */
    private static final List<String> JDK_PACKAGE_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private JavaNames() {}

    /**
     * The Java source name of a binary class name: {@code [B} → {@code byte[]},
     * {@code [[Ljava.lang.String;} → {@code java.lang.String[][]}; other names unchanged.
     * A malformed descriptor (not produced by a JVM) is returned unchanged rather than guessed at.
     */
    public static String fromBinaryName(String binaryName) {
        int dimensions = 0;
        while (dimensions < binaryName.length() && binaryName.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return binaryName;
        }
        String element = elementName(binaryName.substring(dimensions));
        if (element == null) {
            return binaryName;
        }
        return element + "[]".repeat(dimensions);
    }

    private static String elementName(String descriptor) {
        if (descriptor.length() == 1) {
            return switch (descriptor.charAt(0)) {
                case 'B' -> "byte";
                case 'C' -> "char";
                case 'D' -> "double";
                case 'F' -> "float";
                case 'I' -> "int";
                case 'J' -> "long";
                case 'S' -> "short";
                case 'Z' -> "boolean";
                default -> null;
            };
        }
        if (descriptor.length() > 2 && descriptor.charAt(0) == 'L' && descriptor.endsWith(";")) {
            return descriptor.substring(1, descriptor.length() - 1);
        }
        return null;
    }

    /**
     * Whether a Java source name is a JDK type: an array of primitives or of JDK classes, or a class
     * in {@code java.}, {@code javax.}, {@code jdk.}, {@code sun.} or {@code com.sun.}. A leak that grows
     * such a type ({@code byte[]}, {@code java.util.HashMap$Node}, {@code java.lang.String}) is the
     * application's, so it must be attributed to the application class that allocates or holds it.
     */
    public static boolean isJdkType(String javaName) {
        String element = javaName;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        if (element.indexOf('.') < 0 && isPrimitive(element)) {
            return true;
        }
        for (String prefix : JDK_PACKAGE_PREFIXES) {
            if (element.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrimitive(String name) {
        return switch (name) {
            case "byte", "char", "double", "float", "int", "long", "short", "boolean" -> true;
            default -> false;
        };
    }
}
