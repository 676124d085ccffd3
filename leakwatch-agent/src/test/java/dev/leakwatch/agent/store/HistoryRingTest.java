package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring against a plain list that keeps the last n elements. */
class HistoryRingTest {

    @Test
    void behavesLikeTheTailOfAList() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int capacity = 1 + random.nextInt(10);
            HistoryRing ring = new HistoryRing(capacity);
            List<Sample> model = new ArrayList<>();
            int writes = random.nextInt(40);
            for (int i = 0; i < writes; i++) {
                Sample s = new Sample(random.nextLong(), random.nextDouble());
                ring.add(s.timeMillis(), s.value());
                model.add(s);
                List<Sample> expected = model.subList(Math.max(0, model.size() - capacity), model.size());
                assertThat(ring.toList()).isEqualTo(expected);
                assertThat(ring.size()).isEqualTo(expected.size());
            }
        }
    }
}
