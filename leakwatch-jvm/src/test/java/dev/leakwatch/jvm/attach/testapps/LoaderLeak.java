package dev.leakwatch.jvm.attach.testapps;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A target JVM that leaks class loaders, as a plugin host that reloads without unloading does:
 * every interval (argument, default 100 ms) a new {@link URLClassLoader} loads a class from this
 * application's code source and is kept in a static list. Prints {@code ready} once started;
 * exits when stdin closes.
 */
public final class LoaderLeak {

    static final List<ClassLoader> plugins = new ArrayList<>();

    private LoaderLeak() {}

    static void reloadPlugin(URL codeSource) throws ClassNotFoundException {
        URLClassLoader loader = new URLClassLoader(new URL[] {codeSource}, null);
        loader.loadClass(MetricPoint.class.getName());
        plugins.add(loader);
    }

    public static void main(String[] args) throws Exception {
        long intervalMillis = args.length > 0 ? Long.parseLong(args[0]) : 100;
        URL codeSource = LoaderLeak.class.getProtectionDomain().getCodeSource().getLocation();
        Thread leaker = new Thread(() -> {
            try {
                while (plugins.size() < 2000) {
                    reloadPlugin(codeSource);
                    Thread.sleep(intervalMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }, "plugin-reloader");
        leaker.setDaemon(true);
        leaker.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the launching test closes stdin (or kills it).
        }
    }
}
