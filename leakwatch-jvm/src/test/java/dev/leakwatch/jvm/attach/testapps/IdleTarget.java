package dev.leakwatch.jvm.attach.testapps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target JVM that does nothing but answer commands on stdin, so that a test decides when things
 * happen in it: {@code gc} runs {@link System#gc()}, end of input exits. Prints {@code ready} once
 * started and {@code done <command>} after each command.
 */
public final class IdleTarget {

    /** Some live data, so that a histogram has an application class in it. */
    static final List<Payload> RETAINED = new ArrayList<>();

    private IdleTarget() {}

    /** A small application object. */
    static final class Payload {
        final long id;
        final byte[] bytes = new byte[32];

        Payload(long id) {
            this.id = id;
        }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 1000; i++) {
            RETAINED.add(new Payload(i));
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null) {
            if (command.equals("gc")) {
                System.gc();
            }
            System.out.println("done " + command);
            System.out.flush();
        }
    }
}
