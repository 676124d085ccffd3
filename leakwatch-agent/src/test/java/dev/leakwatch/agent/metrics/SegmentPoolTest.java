package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentPoolTest {
    private final SegmentPool pool = new SegmentPool();

    @Test
    void arraysAreRoundedUpAndReused() {
        byte[] a = pool.take(5_000);
        assertThat(a).hasSize(5_120);
        assertThat(pool.take(1)).hasSize(1_024);
        assertThat(pool.take(65_537)).hasSize(131_072);
        pool.give(a);
        assertThat(pool.idleBytes()).isEqualTo(5_120);
        assertThat(pool.take(4_500)).isSameAs(a);
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void idleArraysAreBounded() {
        int size = 1 << 20;
        for (int i = 0; i < 20; i++) {
            pool.give(new byte[size]);
        }
        assertThat(pool.idleBytes()).isEqualTo(SegmentPool.MAX_IDLE_BYTES);
        pool.give(new byte[1_000]); // not one of the pool's sizes (a multiple of 1 KiB)
        assertThat(pool.idleBytes()).isEqualTo(SegmentPool.MAX_IDLE_BYTES);
    }

    @Test
    void aSegmentGoesBackWhenItsLastHolderLetsGo() {
        byte[] data = pool.take(2_000);
        Segment segment = new Segment(data, 10, 0, 10, pool);
        assertThat(segment.retain()).isTrue();
        segment.release();
        assertThat(pool.idleBytes()).isZero();
        segment.release();
        assertThat(pool.idleBytes()).isEqualTo(data.length);
        assertThat(segment.retain()).as("a released segment cannot be taken again").isFalse();
        assertThatThrownBy(segment::release).isInstanceOf(IllegalStateException.class);
    }
}
