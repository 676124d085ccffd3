package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InetAddressesTest {

    private static String format(String literal) throws Exception {
        return InetAddresses.format(InetAddress.getByName(literal).getAddress());
    }

    private static byte[] v6(String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        assertThat(bytes).hasSize(16);
        return bytes;
    }

    @Test
    void canonicalIpv6Forms() throws Exception {
        assertThat(InetAddresses.format(v6("::"))).isEqualTo("::");
        assertThat(InetAddresses.format(v6("::1"))).isEqualTo("::1");
        assertThat(InetAddresses.format(v6("2001:0db8:0000:0000:0000:0000:0002:0001"))).isEqualTo("2001:db8::2:1");
        assertThat(InetAddresses.format(v6("2001:db8:0:1:1:1:1:1"))).as("one zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(InetAddresses.format(v6("2001:0:0:1:0:0:0:1"))).as("longest run").isEqualTo("2001:0:0:1::1");
        assertThat(InetAddresses.format(v6("2001:db8:0:0:1:0:0:1"))).as("first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(InetAddresses.format(v6("fe80::1:0"))).isEqualTo("fe80::1:0");
    }

    @Test
    void ipv4AndMappedAddresses() throws Exception {
        assertThat(format("10.20.30.40")).isEqualTo("10.20.30.40");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[13] = (byte) 168;
        mapped[15] = 7;
        assertThat(InetAddresses.format(mapped)).isEqualTo("192.168.0.7");
    }

    @Test
    void randomAddressesRoundTripThroughTheJdk() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[16];
            for (int b = 0; b < 16; b++) {
                bytes[b] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : 0;
            }
            String text = InetAddresses.format(bytes);
            byte[] parsed = InetAddress.getByName(text).getAddress();
            if (parsed.length == 4) {
                assertThat(parsed).isEqualTo(java.util.Arrays.copyOfRange(bytes, 12, 16));
            } else {
                assertThat(parsed).as(text).isEqualTo(bytes);
            }
        }
    }

    @Test
    void otherLengthsAreRejected() {
        assertThatThrownBy(() -> InetAddresses.format(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
