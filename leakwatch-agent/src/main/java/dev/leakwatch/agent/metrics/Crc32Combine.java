package dev.leakwatch.agent.metrics;

/**
 * The CRC-32 (as {@link java.util.zip.CRC32}) of two byte sequences joined, from the CRC of each
 * and the length of the second, without the bytes: a gzip body spliced from compressed pieces
 * needs the CRC of the whole text in its trailer, and the pieces' text is not kept.
 *
 * <p>Implementation note: a CRC is the message polynomial times x^32 modulo the generator P, in
 * GF(2) (bit-reflected, so the highest power is bit 0 and x^0 is bit 31); the pre- and
 * post-conditioning by all ones cancel out between the parts. Appending n zero bytes to A
 * multiplies A's remainder by x^(8n) mod P, so crc(A ++ B) = crc(A) * x^(8 len(B)) mod P xor
 * crc(B). x^(8n) is built by square-and-multiply from a table of x^(2^k) mod P, so one combine
 * takes O(log n) multiplications of 32-bit polynomials. This is the method of zlib's
 * {@code crc32_combine} (RFC 1952 defines the CRC).
 */
final class Crc32Combine {
    /** The CRC-32 generator, bit-reflected. */
    private static final int POLY = 0xEDB88320;
    /** x^0 in the reflected representation. */
    private static final int ONE = 0x80000000;
    /** X2N[k] = x^(2^k) mod P. */
    private static final int[] X2N = new int[32];

    static {
        int p = ONE >>> 1; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multiply(p, p);
            X2N[k] = p;
        }
    }

    private Crc32Combine() {}

    /** The CRC-32 of A followed by B, given crc(A), crc(B) and B's length in bytes. */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("length must not be negative: " + lengthB);
        }
        int shifted = multiply(xPowerEightTimes(lengthB), (int) crcA);
        return (shifted ^ (int) crcB) & 0xFFFFFFFFL;
    }

    /** x^(8n) mod P. */
    private static int xPowerEightTimes(long n) {
        int p = ONE;
        int k = 3; // 8n = n * 2^3
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    /** a * b mod P, reflected. */
    private static int multiply(int a, int b) {
        int m = ONE;
        int product = 0;
        while (m != 0) {
            if ((a & m) != 0) {
                product ^= b;
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }
}
