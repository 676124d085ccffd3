package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/leakwatch-alerts.yml passes promtool's checks and its unit tests. */
class AlertRulesIT {

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path dir = ExternalTools.deployPrometheus();
        ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.require("promtool").toString(),
                "check", "rules", "leakwatch-alerts.yml"), null, dir);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void theRuleUnitTestsPass() throws Exception {
        Path dir = ExternalTools.deployPrometheus();
        ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.require("promtool").toString(),
                "test", "rules", "leakwatch-alerts.test.yml"), null, dir);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
