package dev.leakwatch.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHungStops() {
        release.countDown();
    }

    /** A component that records its start and stop, optionally failing or hanging. */
    private final class Probe implements Component {
        final String name;
        boolean failStart;
        boolean failStop;
        boolean hangStop;
        volatile String stopThread;

        Probe(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            if (failStart) {
                throw new IllegalStateException(name + " cannot bind");
            }
            events.add("start " + name);
        }

        @Override
        public void stop() throws InterruptedException {
            stopThread = Thread.currentThread().getName();
            events.add("stop " + name);
            if (failStop) {
                throw new IllegalStateException(name + " broke");
            }
            if (hangStop) {
                release.await();
            }
        }
    }

    @Test
    void startsInDependencyOrderAndStopsInReverse() throws LifecycleException {
        Probe store = new Probe("store");
        Probe scheduler = new Probe("scheduler");
        Probe server = new Probe("server");
        // Added in an order that is not the dependency order on purpose.
        Lifecycle lifecycle = Lifecycle.builder()
                .add(server, store)
                .add(scheduler, store)
                .add(store)
                .build();
        assertThat(lifecycle.startOrder()).containsExactly("store", "server", "scheduler");
        lifecycle.start();
        assertThat(lifecycle.isRunning()).isTrue();
        StopReport report = lifecycle.stop();
        assertThat(events).containsExactly("start store", "start server", "start scheduler",
                "stop scheduler", "stop server", "stop store");
        assertThat(report.clean()).isTrue();
        assertThat(report.order()).containsExactly("scheduler", "server", "store");
        assertThat(store.stopThread).isEqualTo("leakwatch-stop-store");
        assertThat(lifecycle.stop()).isSameAs(report);
        assertThat(events).hasSize(6);
    }

    @Test
    void aFailedStartStopsWhatAlreadyStarted() {
        Probe a = new Probe("a");
        Probe b = new Probe("b");
        Probe c = new Probe("c");
        b.failStart = true;
        Lifecycle lifecycle = Lifecycle.builder().add(a).add(b, a).add(c, b).build();
        LifecycleException e = catchThrowableOfType(LifecycleException.class, lifecycle::start);
        assertThat(e.component()).isEqualTo("b");
        assertThat(e).hasMessageContaining("b cannot bind");
        assertThat(events).containsExactly("start a", "stop a");
        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOverrunningComponentIsReportedAndTheRestStillStop() throws LifecycleException {
        Probe first = new Probe("first");
        Probe hung = new Probe("hung");
        Probe broken = new Probe("broken");
        Probe last = new Probe("last");
        hung.hangStop = true;
        broken.failStop = true;
        Lifecycle lifecycle = Lifecycle.builder()
                .add(last).add(broken, last).add(hung, broken).add(first, hung)
                .stopDeadline(Duration.ofMillis(300))
                .build();
        lifecycle.start();
        long t0 = System.nanoTime();
        StopReport report = lifecycle.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(report.order()).containsExactly("first", "hung", "broken", "last");
        assertThat(report.components()).extracting(StopReport.ComponentStop::outcome).containsExactly(
                StopReport.Outcome.STOPPED, StopReport.Outcome.OVERRAN, StopReport.Outcome.FAILED,
                StopReport.Outcome.STOPPED);
        assertThat(report.components().get(2).error()).get().extracting(Throwable::getMessage).isEqualTo("broken broke");
        assertThat(report.clean()).isFalse();
        // The deadline plus at most a grace per component after it.
        assertThat(took).isLessThan(Duration.ofMillis(300 + 3 * 100 + 2_000));
        assertThat(events).containsSubsequence("stop first", "stop hung", "stop broken", "stop last");
    }

    @Test
    void logsTheStopOrder() throws LifecycleException {
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Logger logger = Logger.getLogger(Lifecycle.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            Probe a = new Probe("a");
            Probe b = new Probe("b");
            Lifecycle lifecycle = Lifecycle.builder().add(a).add(b, a).build();
            lifecycle.start();
            lifecycle.stop();
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(messages.stream().filter(m -> m.startsWith("stopping ") || m.startsWith("stopped ")))
                .extracting(m -> m.replaceAll(" in \\d+ ms", ""))
                .containsExactly("stopping 2 components, deadline 10000 ms", "stopping b", "stopped b",
                        "stopping a", "stopped a", "stopped all components");
    }

    @Test
    void rejectsCyclesUnknownDependenciesAndDuplicateNames() {
        Probe a = new Probe("a");
        Probe b = new Probe("b");
        assertThatThrownBy(() -> Lifecycle.builder().add(a, b).add(b, a).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle: a -> b -> a");
        assertThatThrownBy(() -> Lifecycle.builder().add(a, b).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a depends on b");
        assertThatThrownBy(() -> Lifecycle.builder().add(a).add(new Probe("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two components named");
        assertThatThrownBy(() -> Lifecycle.builder().stopDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
