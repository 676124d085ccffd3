package dev.leakwatch.core.detect;

import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.trend.Decision;
import dev.leakwatch.core.trend.LowerEnvelope;
import dev.leakwatch.core.trend.TrendDecision;
import dev.leakwatch.core.trend.TrendDetector;
import dev.leakwatch.core.trend.TrendSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Turns observations into findings. Stateless: the one-shot diagnosis and the daemon's rolling
 * watch call it with whatever window they hold.
 *
 * <p>Every resource goes through the {@link TrendDetector} on its (lower-envelope) readings. Heap
 * needs one more step: after-GC readings taken after young collections include promoted garbage
 * that G1 only reclaims in mixed or full collections, so they bound the live set from above and
 * can climb for minutes in a healthy service. A heap trend is therefore only called a leak when
 * class histograms (each taken after a full GC) confirm it: some classes grew across every
 * histogram, at a rate that exhausts the heap within the detector's horizon.
 */
public final class LeakAssessor {
    /** Histograms from which a confirmation alone is strong enough to call a leak (more points: less luck). */
    static final int HISTOGRAMS_SUFFICIENT_ALONE = 4;
    /** Growing classes must gain at least this much across the histograms to count (allocator-level noise). */
    static final long MIN_CONFIRMED_GROWTH_BYTES = 512 * 1024;

    private final Function<Resource, TrendSettings> settings;

    public LeakAssessor() {
        this(TrendSettings::defaultsFor);
    }

    public LeakAssessor(Function<Resource, TrendSettings> settings) {
        this.settings = settings;
    }

    /** Assesses a resource on its trend alone. */
    public Assessment assess(ResourceObservation o) {
        List<Sample> series = envelope(o);
        TrendDecision d = new TrendDetector(settings.apply(o.resource())).evaluate(series, o.limit());
        Trend trend = trend(o, series, d, d.decision(), d.reason());
        Severity severity = switch (d.decision()) {
            case LEAK -> Severity.LEAK;
            case SUSPECT -> Severity.SUSPECT;
            default -> null;
        };
        if (severity == null) {
            return new Assessment(trend, Optional.empty());
        }
        return new Assessment(trend, Optional.of(finding(o, severity, d.slopePerMinute(), d.confidence(),
                d.timeToExhaustionSeconds())));
    }

    /** Assesses heap: the after-GC trend, confirmed (or not) by full-GC class histograms. */
    public Assessment assessHeap(ResourceObservation o, Optional<HeapConfirmation> histograms) {
        if (o.resource() != Resource.HEAP) {
            throw new IllegalArgumentException("assessHeap takes heap observations, not " + o.resource().id());
        }
        List<Sample> series = envelope(o);
        TrendSettings heapSettings = settings.apply(Resource.HEAP);
        TrendDecision d = new TrendDetector(heapSettings).evaluate(series, o.limit());
        Optional<Confirmation> confirmed = histograms.flatMap(h -> confirm(h, o.limit(), heapSettings));

        Severity severity;
        String reason;
        if (confirmed.isPresent()) {
            Confirmation c = confirmed.get();
            boolean trendAgrees = d.decision() == Decision.LEAK || d.decision() == Decision.SUSPECT;
            // Too few GCs to fit a trend: the histograms decide if the whole live set rose at every step too.
            boolean enoughAlone = c.histograms() >= HISTOGRAMS_SUFFICIENT_ALONE && d.decision() != Decision.NOT_ENOUGH_DATA
                    || d.decision() == Decision.NOT_ENOUGH_DATA && risesAtEveryStep(histograms.get().liveBytes());
            severity = trendAgrees || enoughAlone ? Severity.LEAK : Severity.SUSPECT;
            reason = c.describe() + (trendAgrees ? "; after-GC heap agrees: " : "; after-GC heap: ") + d.reason();
            if (severity == Severity.LEAK && d.decision() != Decision.LEAK) {
                // The histograms' own rate is the better estimate when the envelope is too noisy to fit.
                Trend trend = trend(o, series, d, Decision.LEAK, reason);
                return new Assessment(trend, Optional.of(finding(o, severity, c.ratePerMinute(), Math.max(d.confidence(),
                        c.confidence()), c.timeToExhaustionSeconds(o.limit()))));
            }
        } else if (d.decision() == Decision.LEAK || d.decision() == Decision.SUSPECT) {
            severity = Severity.SUSPECT;
            reason = histograms.isPresent()
                    ? d.reason() + "; but no class grew across the full-GC histograms (promoted garbage awaiting an old collection?)"
                    : d.reason() + "; not confirmed by class histograms (none could be taken)";
        } else {
            return new Assessment(trend(o, series, d, d.decision(), d.reason()), Optional.empty());
        }
        Decision shown = severity == Severity.LEAK ? Decision.LEAK : Decision.SUSPECT;
        return new Assessment(trend(o, series, d, shown, reason), Optional.of(finding(o, severity, d.slopePerMinute(),
                d.confidence(), d.timeToExhaustionSeconds())));
    }

    /**
     * The same assessment with a leak lowered to a suspect, for evidence the caller knows to be an
     * upper bound; the reason says why. Anything else is returned unchanged.
     */
    public static Assessment downgrade(Assessment a, String why) {
        if (a.finding().isEmpty() || a.finding().get().severity() != Severity.LEAK) {
            return a;
        }
        Finding f = a.finding().get();
        Trend t = a.trend();
        return new Assessment(
                new Trend(t.resource(), t.unit(), t.series(), t.slopePerMinute(), t.intercept(), t.confidence(), t.limit(),
                        "suspect", t.reason() + "; " + why),
                Optional.of(new Finding(f.resource(), Severity.SUSPECT, f.growthPerMinute(), f.unit(), f.confidence(),
                        f.limit(), f.timeToExhaustionSeconds(), f.culprits(), f.evidence())));
    }

    /** {@code leak} if any finding is a leak, else {@code no-leak}; suspects alone do not make a leak. */
    public static Verdict verdict(List<Finding> findings) {
        for (Finding f : findings) {
            if (f.severity() == Severity.LEAK) {
                return Verdict.LEAK;
            }
        }
        return Verdict.NO_LEAK;
    }

    /** Each histogram's live total above the previous one by a tenth of the net growth at least. */
    static boolean risesAtEveryStep(List<Sample> live) {
        if (live.size() < 3) {
            return false;
        }
        double net = live.get(live.size() - 1).value() - live.get(0).value();
        if (net <= 0) {
            return false;
        }
        for (int i = 1; i < live.size(); i++) {
            if (live.get(i).value() - live.get(i - 1).value() < net / 10) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Confirmation> confirm(HeapConfirmation h, OptionalDouble limit, TrendSettings s) {
        if (h.histograms() < 3 || h.growingClasses().isEmpty() || h.spanMinutes() <= 0) {
            return Optional.empty();
        }
        long growth = h.classGrowthBytes();
        if (growth < MIN_CONFIRMED_GROWTH_BYTES) {
            return Optional.empty();
        }
        double rate = growth / h.spanMinutes();
        double last = h.liveBytes().get(h.histograms() - 1).value();
        if (limit.isPresent()) {
            double secondsLeft = (limit.getAsDouble() - last) / rate * 60;
            if (secondsLeft > s.maxExhaustionHorizonSeconds()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Confirmation(h.histograms(), growth, rate, last, h.growingClasses().size()));
    }

    private static List<Sample> envelope(ResourceObservation o) {
        return o.envelopeBucketMillis() > 0 ? LowerEnvelope.of(o.readings(), o.envelopeBucketMillis()) : o.readings();
    }

    private static Trend trend(ResourceObservation o, List<Sample> series, TrendDecision d, Decision shown, String reason) {
        List<double[]> points = new ArrayList<>(series.size());
        for (Sample s : series) {
            points.add(new double[] {s.timeMillis(), s.value()});
        }
        // The chart draws the fit from the first plotted point, so move the intercept there.
        double intercept = d.intercept();
        if (!series.isEmpty() && d.firstTimeMillis() != 0) {
            intercept -= d.slopePerMinute() * (d.firstTimeMillis() - series.get(0).timeMillis()) / 60_000.0;
        }
        Long limit = o.limit().isPresent() ? (long) o.limit().getAsDouble() : null;
        return new Trend(o.resource(), o.resource().unit(), points, d.slopePerMinute(), intercept, d.confidence(), limit,
                shown.name().toLowerCase(Locale.ROOT).replace('_', '-'), reason);
    }

    private static Finding finding(ResourceObservation o, Severity severity, double slopePerMinute, double confidence,
            OptionalDouble secondsLeft) {
        Long limit = o.limit().isPresent() ? (long) o.limit().getAsDouble() : null;
        Long tte = secondsLeft.isPresent() ? Math.round(secondsLeft.getAsDouble()) : null;
        return new Finding(o.resource(), severity, slopePerMinute, o.resource().unit(), confidence, limit, tte,
                o.culprits(), o.evidence());
    }

    /** Histograms that show classes growing at a material rate. */
    private record Confirmation(int histograms, long growthBytes, double ratePerMinute, double lastLiveBytes, int classes) {
        /**
         * Every growing class rose at every step: with k histograms that happens by chance with
         * probability about 1/k! per class, which is the confidence offered.
         */
        double confidence() {
            double factorial = 1;
            for (int i = 2; i <= histograms; i++) {
                factorial *= i;
            }
            return 1 - 1 / factorial;
        }

        OptionalDouble timeToExhaustionSeconds(OptionalDouble limit) {
            if (limit.isEmpty() || ratePerMinute <= 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Math.max(0, (limit.getAsDouble() - lastLiveBytes) / ratePerMinute * 60));
        }

        String describe() {
            return String.format(Locale.ROOT, "%d class%s grew across all %d full-GC histograms (+%.1f KiB/min)", classes,
                    classes == 1 ? "" : "es", histograms, ratePerMinute / 1024);
        }
    }
}
