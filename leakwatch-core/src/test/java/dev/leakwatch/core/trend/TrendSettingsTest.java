package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Resource;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TrendSettingsTest {

    private static final TrendSettings HEAP = TrendSettings.defaultsFor(Resource.HEAP);

    @ParameterizedTest
    @EnumSource(Resource.class)
    void everyResourceHasValidDefaultsInItsUnit(Resource resource) {
        TrendSettings settings = TrendSettings.defaultsFor(resource);

        assertThat(settings.unit()).isEqualTo(resource.unit());
        assertThat(settings.significance()).isEqualTo(TrendSettings.DEFAULT_SIGNIFICANCE);
        assertThat(settings.minAbsoluteGrowth()).isPositive();
    }

    @Test
    void countsAreMaterialByAbsoluteGrowthEvenWithALimitAndBytesAreNot() {
        assertThat(TrendSettings.defaultsFor(Resource.THREADS).absoluteGrowthSufficientWithLimit()).isTrue();
        assertThat(TrendSettings.defaultsFor(Resource.FDS).absoluteGrowthSufficientWithLimit()).isTrue();
        assertThat(HEAP.absoluteGrowthSufficientWithLimit()).isFalse();
        assertThat(TrendSettings.defaultsFor(Resource.NATIVE).absoluteGrowthSufficientWithLimit()).isFalse();
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("warmupFraction", "0.6", s -> s.withWarmupFraction(0.6)),
                invalid("warmupFraction", "NaN", s -> s.withWarmupFraction(Double.NaN)),
                invalid("minSamples", "3", s -> s.withMinSamples(3)),
                invalid("significance", "0.0", s -> s.withSignificance(0, 0.01)),
                invalid("suspectSignificance", "0.001", s -> s.withSignificance(0.01, 0.001)),
                invalid("suspectSignificance", "0.5", s -> s.withSignificance(0.01, 0.5)),
                invalid("minGrowthFractionOfLevel", "-0.1", s -> s.withMinGrowthFractionOfLevel(-0.1)),
                invalid("minAbsoluteGrowth", "Infinity", s -> s.withMinAbsoluteGrowth(Double.POSITIVE_INFINITY)),
                invalid("minAbsoluteGrowth", "-1.0", s -> s.withMinAbsoluteGrowth(-1)),
                invalid("maxExhaustionHorizonSeconds", "0", s -> s.withMaxExhaustionHorizonSeconds(0)),
                invalid("plateauTailFraction", "0.75", s -> s.withPlateau(0.75, 0.01)),
                invalid("plateauTailFraction", "0.0", s -> s.withPlateau(0, 0.01)),
                invalid("plateauSignificance", "0.5", s -> s.withPlateau(0.3, 0.5)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSettings")
    void invalidValuesAreRejectedNamingTheSettingAndTheValue(String setting, String value, UnaryOperator<TrendSettings> change) {
        assertThatThrownBy(() -> change.apply(HEAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting + " must be")
                .hasMessageEndingWith("was " + value);
    }

    @Test
    void unitIsRequired() {
        assertThatThrownBy(() -> new TrendSettings(null, 0, 8, 0.001, 0.01, 0, 1, false, 1, 0.3, 0.01))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("unit");
    }

    @Test
    void copyMethodsChangeOnlyTheirSetting() {
        TrendSettings changed = HEAP.withMinSamples(12);

        assertThat(changed.minSamples()).isEqualTo(12);
        assertThat(changed.withMinSamples(HEAP.minSamples())).isEqualTo(HEAP);
        assertThat(HEAP.withWarmupFraction(0.2).warmupFraction()).isEqualTo(0.2);
        assertThat(HEAP.withSignificance(0.005, 0.05)).extracting(TrendSettings::significance, TrendSettings::suspectSignificance)
                .containsExactly(0.005, 0.05);
        assertThat(HEAP.withMaxExhaustionHorizonSeconds(3600).maxExhaustionHorizonSeconds()).isEqualTo(3600);
        assertThat(HEAP.withMinAbsoluteGrowth(5).minAbsoluteGrowth()).isEqualTo(5);
        assertThat(HEAP.withMinGrowthFractionOfLevel(0.02).minGrowthFractionOfLevel()).isEqualTo(0.02);
        assertThat(HEAP.withAbsoluteGrowthSufficientWithLimit(true).absoluteGrowthSufficientWithLimit()).isTrue();
        assertThat(HEAP.withPlateau(0.25, 0.02)).extracting(TrendSettings::plateauTailFraction, TrendSettings::plateauSignificance)
                .containsExactly(0.25, 0.02);
    }

    private static Arguments invalid(String setting, String value, UnaryOperator<TrendSettings> change) {
        return Arguments.of(setting, value, change);
    }
}
