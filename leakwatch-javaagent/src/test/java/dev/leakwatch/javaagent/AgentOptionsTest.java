package dev.leakwatch.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void noOptionsMeansLoopbackOn6060WithoutHeapDumps() {
        assertThat(AgentOptions.parse(null)).isEqualTo(AgentOptions.DEFAULTS);
        assertThat(AgentOptions.parse("")).isEqualTo(new AgentOptions("127.0.0.1", 6060, null, false, 120));
    }

    @Test
    void everyOptionIsRead() {
        AgentOptions o = AgentOptions.parse("host=0.0.0.0, port=7070,token=abc=def,heapdump=true,maxSeconds=30");

        assertThat(o).isEqualTo(new AgentOptions("0.0.0.0", 7070, "abc=def", true, 30));
        assertThat(o.pprofSettings().maxWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.pprofSettings().heapDumpEnabled()).isTrue();
    }

    @Test
    void theTokenNeverAppearsInMessages() {
        assertThat(AgentOptions.parse("token=very-secret").toString()).doesNotContain("very-secret").contains("token=***");
    }

    @Test
    void badOptionsNameWhatIsWrong() {
        assertThatThrownBy(() -> AgentOptions.parse("port=70000")).hasMessageContaining("port must be a number from 0 to 65535");
        assertThatThrownBy(() -> AgentOptions.parse("port")).hasMessageContaining("'port' is not key=value");
        assertThatThrownBy(() -> AgentOptions.parse("heapdump=yes")).hasMessageContaining("heapdump must be true or false");
        assertThatThrownBy(() -> AgentOptions.parse("port=1,port=2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> AgentOptions.parse("colour=blue")).hasMessageContaining("unknown option 'colour'");
    }
}
