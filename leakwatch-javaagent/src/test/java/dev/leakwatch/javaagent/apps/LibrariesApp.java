package dev.leakwatch.javaagent.apps;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An application with its own, older Jackson and protobuf on the classpath (the agent bundles
 * newer ones). It uses them by reflection, so that it compiles without them, and reports
 * which versions it got: its own, if the agent's copies stay out of its way.
 */
public final class LibrariesApp {
    private LibrariesApp() {}

    public static void main(String[] args) throws Exception {
        Class<?> mapperClass = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        Object mapper = mapperClass.getConstructor().newInstance();
        String json = (String) mapperClass.getMethod("writeValueAsString", Object.class).invoke(mapper, Map.of("a", 1));
        Object jacksonVersion = mapperClass.getMethod("version").invoke(mapper);

        Class<?> byteString = Class.forName("com.google.protobuf.ByteString");
        Object bytes = byteString.getMethod("copyFromUtf8", String.class).invoke(null, "hello");
        int size = (int) byteString.getMethod("size").invoke(bytes);

        System.out.println("jackson=" + jacksonVersion + " json=" + json);
        System.out.println("protobuf=" + byteString.getProtectionDomain().getCodeSource().getLocation() + " size=" + size);
        System.out.println("protobuf4-runtime-visible=" + visible("com.google.protobuf.RuntimeVersion"));
        System.out.println(DemoApp.READY);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
