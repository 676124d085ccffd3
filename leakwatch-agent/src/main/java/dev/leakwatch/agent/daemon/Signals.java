package dev.leakwatch.agent.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Signal handling through {@code sun.misc.Signal} (module jdk.unsupported), reached by
 * reflection: it is absent from some runtimes, and compiling against it directly draws a
 * "proprietary API" warning that cannot be suppressed. When unavailable, the agent runs
 * without SIGHUP reload ({@code POST /-/reload} still works).
 */
final class Signals {
    private Signals() {}

    /**
     * Handles a signal (e.g. {@code "HUP"}) with the runnable, on the JVM's signal thread.
     *
     * @return a handle that restores the previous handler, or empty when signals are unavailable
     */
    static Optional<Runnable> handle(String name, Runnable handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            InvocationHandler body = (proxy, method, args) -> invoke(handler, name, proxy, method, args);
            Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, body);
            Method install = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = install.invoke(null, signal, proxy);
            return Optional.of(() -> {
                try {
                    install.invoke(null, signal, previous);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Restoring is best effort at shutdown; the JVM is going away anyway.
                }
            });
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object invoke(Runnable handler, String name, Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "handle":
                handler.run();
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "leakwatch SIG" + name + " handler";
            default:
                return null;
        }
    }
}
