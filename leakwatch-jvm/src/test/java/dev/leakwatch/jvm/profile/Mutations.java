package dev.leakwatch.jvm.profile;

import java.util.Arrays;
import java.util.Random;

/** Random damage to recorded inputs, for fuzz tests of parsers. Seeded, so failures repeat. */
final class Mutations {
    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** A copy of {@code input} with one to four random edits: flips, cuts, copies, junk, truncation. */
    byte[] mutate(byte[] input) {
        byte[] out = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = cut(out, at, 1 + random.nextInt(Math.min(64, out.length - at)));
                case 2 -> out = insert(out, at, Arrays.copyOfRange(out, at, Math.min(out.length, at + 1 + random.nextInt(64))));
                case 3 -> out = insert(out, at, randomBytes(1 + random.nextInt(16)));
                default -> out = Arrays.copyOf(out, at);
            }
        }
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] cut(byte[] in, int at, int length) {
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] extra) {
        byte[] out = new byte[in.length + extra.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(in, at, out, at + extra.length, in.length - at);
        return out;
    }
}
