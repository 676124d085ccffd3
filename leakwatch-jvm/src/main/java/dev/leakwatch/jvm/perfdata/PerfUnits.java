package dev.leakwatch.jvm.perfdata;

/** The unit HotSpot declares for a counter ({@code data_units} byte of an entry). */
public enum PerfUnits {
    NONE,
    BYTES,
    /** High-resolution timer ticks; divide by {@code sun.os.hrt.frequency} for seconds. */
    TICKS,
    EVENTS,
    STRING,
    HERTZ,
    /** A code this reader does not know; kept so newer JVMs still parse. */
    UNKNOWN;

    static PerfUnits fromCode(int code) {
        switch (code) {
            case 1: return NONE;
            case 2: return BYTES;
            case 3: return TICKS;
            case 4: return EVENTS;
            case 5: return STRING;
            case 6: return HERTZ;
            default: return UNKNOWN;
        }
    }
}
