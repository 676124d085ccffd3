package dev.leakwatch.agent.daemon;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the leak-watch tests read from a running agent: its suspicion gauges and its findings. */
final class LeakWatchScrapes {
    private LeakWatchScrapes() {}

    /** {@code leakwatch_leak_suspected} for a process and resource, if the agent exports it. */
    static OptionalDouble suspected(AgentProcess agent, String pid, String resource)
            throws IOException, InterruptedException {
        Matcher m = Pattern.compile("leakwatch_leak_suspected\\{pid=\"" + pid + "\",process=\"[^\"]*\",resource=\""
                + resource + "\"} (\\S+)").matcher(agent.get("/metrics").body());
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** The process's findings as {@code /api/v1/findings?pid=} serves them. */
    static List<Diagnosis> findings(AgentProcess agent, String pid) throws IOException, InterruptedException {
        var response = agent.adminGet("/api/v1/findings?pid=" + pid);
        if (response.statusCode() != 200) {
            throw new AssertionError("/api/v1/findings answered " + response.statusCode() + ": " + response.body());
        }
        return DiagnosisJson.mapper().readValue(response.body(),
                DiagnosisJson.mapper().getTypeFactory().constructCollectionType(List.class, Diagnosis.class));
    }
}
