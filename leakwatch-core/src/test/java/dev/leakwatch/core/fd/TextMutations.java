package dev.leakwatch.core.fd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random damage to recorded inputs for parser fuzz tests: character edits, line deletion, duplication, swaps and
 * truncation, mixed so that both small corruptions and structural ones occur. Seeded, so failures reproduce.
 */
public final class TextMutations {

    private static final String NOISE = "\"#()[]:/ \t\n0123456789abcdefxyzXYZ-_.@*\u00e9\u0000";

    private final Random random;

    public TextMutations(long seed) {
        this.random = new Random(seed);
    }

    /** One to five random mutations of {@code text}. */
    public String mutate(String text) {
        String result = text;
        int edits = 1 + random.nextInt(5);
        for (int i = 0; i < edits; i++) {
            result = mutateOnce(result);
        }
        return result;
    }

    private String mutateOnce(String text) {
        if (text.isEmpty()) {
            return String.valueOf(noise());
        }
        int at = random.nextInt(text.length());
        switch (random.nextInt(8)) {
            case 0:
                return text.substring(0, at) + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + noise() + text.substring(at);
            case 2:
                return text.substring(0, at) + noise() + text.substring(at + 1);
            case 3:
                return text.substring(0, at);
            default:
                return mutateLines(text);
        }
    }

    private String mutateLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0:
                lines.remove(at);
                break;
            case 1:
                lines.add(at, lines.get(at));
                break;
            case 2:
                lines.set(at, lines.get(random.nextInt(lines.size())));
                break;
            default:
                String line = lines.get(at);
                int cut = line.isEmpty() ? 0 : random.nextInt(line.length());
                lines.set(at, line.substring(0, cut) + "  " + line.substring(cut).replace(' ', noise()));
                break;
        }
        return String.join("\n", lines);
    }

    private char noise() {
        return NOISE.charAt(random.nextInt(NOISE.length()));
    }
}
