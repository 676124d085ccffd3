package dev.leakwatch.agent.collect.host;

/** {@code /proc/loadavg}: the 1, 5 and 15 minute load averages. */
final class LoadAvg {
    private LoadAvg() {}

    /**
     * @throws IllegalArgumentException when the first three fields are not numbers
     */
    static double[] parse(String text) {
        String[] f = ProcText.fields(text);
        if (f.length < 3) {
            throw new IllegalArgumentException("loadavg: expected at least 3 fields, got \"" + text.trim() + "\"");
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                out[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("loadavg: not a number: \"" + f[i] + "\"", e);
            }
            if (!(out[i] >= 0) || Double.isInfinite(out[i])) {
                throw new IllegalArgumentException("loadavg: not a load: \"" + f[i] + "\"");
            }
        }
        return out;
    }
}
