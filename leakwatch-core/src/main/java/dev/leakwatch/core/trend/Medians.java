package dev.leakwatch.core.trend;

/**
 * Medians by selection instead of sorting.
 *
 * <p>Implementation note: Hoare's quickselect (Wirth's variant, "Algorithms + Data Structures
 * = Programs", 1976) finds the k-th smallest element in expected linear time, which matters for
 * the Theil-Sen median over up to two million pairwise slopes. The pivot is the middle element,
 * so already sorted input (common for growing series) stays linear.
 */
final class Medians {

    private Medians() {}

    /**
     * The median of the first {@code length} entries of {@code values}, reordering them.
     * For an even length it is the mean of the two middle values.
     */
    static double medianInPlace(double[] values, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("median of no values");
        }
        int upper = length / 2;
        double high = select(values, length, upper);
        if (length % 2 == 1) {
            return high;
        }
        // After selecting index `upper`, every entry below it is <= high: the lower middle is their maximum.
        double low = values[0];
        for (int i = 1; i < upper; i++) {
            low = Math.max(low, values[i]);
        }
        return (low + high) / 2;
    }

    /** The k-th smallest (0-based) of the first {@code length} entries, partially ordering them around it. */
    static double select(double[] a, int length, int k) {
        int left = 0;
        int right = length - 1;
        while (left < right) {
            double pivot = a[(left + right) >>> 1];
            int i = left;
            int j = right;
            do {
                while (a[i] < pivot) {
                    i++;
                }
                while (pivot < a[j]) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                left = i;
            }
            if (k < i) {
                right = j;
            }
        }
        return a[k];
    }
}
