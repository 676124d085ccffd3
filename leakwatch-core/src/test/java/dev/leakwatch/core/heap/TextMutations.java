package dev.leakwatch.core.heap;

import java.util.Random;

/** Random damage to recorded text, as cut-off, garbled or concatenated command output looks. */
public final class TextMutations {

    private static final String ALPHABET = "0123456789 :\t\n-+=()[];$.xLBTotal@/\u00e9";

    private TextMutations() {}

    /** One to five random edits of the text: insertions, deletions, replacements, cuts, duplications. */
    public static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
            switch (random.nextInt(6)) {
                case 0 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (mutated.length() > 0) {
                        mutated.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (mutated.length() > 0) {
                        mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                case 3 -> mutated.setLength(at);
                case 4 -> {
                    int end = Math.min(mutated.length(), at + random.nextInt(200));
                    mutated.insert(at, mutated.substring(at, end));
                }
                default -> mutated.insert(at, "99999999999999999999");
            }
        }
        return mutated.toString();
    }
}
