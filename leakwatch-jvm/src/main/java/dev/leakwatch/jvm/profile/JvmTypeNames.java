package dev.leakwatch.jvm.profile;

/** JVM descriptors of array types ({@code [B}, {@code [Ljava.lang.String;}) as Java source names. */
final class JvmTypeNames {
    private JvmTypeNames() {}

    static String readable(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0 || dims == name.length()) {
            return name;
        }
        String element = element(name.substring(dims));
        return element == null ? name : element + "[]".repeat(dims);
    }

    private static String element(String descriptor) {
        if (descriptor.length() == 1) {
            switch (descriptor.charAt(0)) {
                case 'Z': return "boolean";
                case 'B': return "byte";
                case 'C': return "char";
                case 'S': return "short";
                case 'I': return "int";
                case 'J': return "long";
                case 'F': return "float";
                case 'D': return "double";
                default: return null;
            }
        }
        if (descriptor.length() > 2 && descriptor.charAt(0) == 'L' && descriptor.endsWith(";")) {
            return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        }
        return null;
    }
}
