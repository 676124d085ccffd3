package dev.leakwatch.core.trend;

import java.util.OptionalDouble;

/**
 * Whether fitted growth is large enough to matter, independently of how sure we are of it.
 *
 * <p>Material growth clears the noise floor relative to the level ({@code minGrowthFractionOfLevel}:
 * measurement granularity and ordinary churn scale with the amount in use) and then either
 * <ul>
 *   <li>exhausts the known limit within {@code maxExhaustionHorizonSeconds}: what matters is running
 *       out, so headroom is the yardstick when the limit is known; or
 *   <li>reaches {@code minAbsoluteGrowth} over the window, when no limit is known (or, for counts,
 *       always: see {@link TrendSettings}).
 * </ul>
 *
 * @param material  whether the growth matters
 * @param shortfall when not material, a phrase saying which yardstick it fell short of
 */
record Materiality(boolean material, String shortfall) {

    static Materiality assess(
            double windowGrowth, double level, OptionalDouble limit, OptionalDouble secondsToExhaustion,
            TrendSettings settings) {
        double levelFloor = settings.minGrowthFractionOfLevel() * Math.max(0, level);
        if (!(windowGrowth > 0)) {
            return new Materiality(false, "no growth");
        }
        if (windowGrowth < levelFloor) {
            return new Materiality(false, "too small to matter: " + QuantityFormat.percent(windowGrowth / level)
                    + " of the level over the window, below the noise floor of "
                    + QuantityFormat.percent(settings.minGrowthFractionOfLevel()));
        }
        boolean absoluteApplies = limit.isEmpty() || settings.absoluteGrowthSufficientWithLimit();
        if (absoluteApplies && windowGrowth >= settings.minAbsoluteGrowth()) {
            return new Materiality(true, "");
        }
        if (limit.isPresent() && secondsToExhaustion.isPresent()
                && secondsToExhaustion.getAsDouble() <= settings.maxExhaustionHorizonSeconds()) {
            return new Materiality(true, "");
        }
        if (limit.isPresent() && !absoluteApplies) {
            return new Materiality(false, "too slow to matter: exhausts the limit only in "
                    + QuantityFormat.duration(secondsToExhaustion.orElse(Double.POSITIVE_INFINITY)));
        }
        return new Materiality(false, "too small to matter: " + QuantityFormat.amount(windowGrowth, settings.unit())
                + " over the window, below " + QuantityFormat.amount(settings.minAbsoluteGrowth(), settings.unit()));
    }
}
