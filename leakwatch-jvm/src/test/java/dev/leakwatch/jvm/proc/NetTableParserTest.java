package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.fd.SocketEndpoint;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetTableParserTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Test
    void ipv4TableWithListenersClientsAndCloseWait() {
        Map<Long, SocketEndpoint> tcp = NetTableParser.parseInet(Fixture.read("proc/9058/net/tcp"), "tcp", LE);

        assertThat(tcp).hasSize(6);
        assertThat(tcp.get(576L)).isEqualTo(SocketEndpoint.inet("tcp", "0.0.0.0", 2024, "0.0.0.0", 0, "LISTEN"));
        assertThat(tcp.get(20002L)).isEqualTo(SocketEndpoint.inet("tcp", "10.0.0.5", 40312, "10.0.0.9", 5432, "ESTABLISHED"));
        assertThat(tcp.get(20004L).state()).isEqualTo("CLOSE_WAIT");
        assertThat(tcp.get(20005L)).isEqualTo(
                SocketEndpoint.inet("tcp", "10.0.0.5", 8080, "192.168.1.77", 60001, "ESTABLISHED"));
    }

    @Test
    void ipv6TableDecodesMappedLoopbackAndGlobalAddresses() {
        Map<Long, SocketEndpoint> tcp6 = NetTableParser.parseInet(Fixture.read("proc/9058/net/tcp6"), "tcp", LE);

        assertThat(tcp6).hasSize(13);
        assertThat(tcp6.get(17959L)).as("dual-stack listener").isEqualTo(
                SocketEndpoint.inet("tcp", "::", 19090, "::", 0, "LISTEN"));
        assertThat(tcp6.get(17956L)).isEqualTo(SocketEndpoint.inet("tcp", "::1", 18080, "::", 0, "LISTEN"));
        assertThat(tcp6.get(17950L)).as("IPv4-mapped client").isEqualTo(
                SocketEndpoint.inet("tcp", "127.0.0.1", 56586, "127.0.0.1", 15432, "ESTABLISHED"));
        assertThat(tcp6.get(17958L)).isEqualTo(SocketEndpoint.inet("tcp", "::1", 18080, "::1", 49656, "ESTABLISHED"));
        assertThat(tcp6.get(20006L)).isEqualTo(
                SocketEndpoint.inet("tcp", "2001:db8::10", 44000, "2001:db8:0:1::20", 443, "ESTABLISHED"));
        assertThat(tcp6.get(20007L)).isEqualTo(
                SocketEndpoint.inet("tcp", "fe80::fc00:ff:fe00:1", 22, "fe80::1", 50123, "TIME_WAIT"));
    }

    @Test
    void udpTablesHaveConnectedAndUnconnectedSockets() {
        Map<Long, SocketEndpoint> udp = NetTableParser.parseInet(Fixture.read("proc/9058/net/udp"), "udp", LE);
        Map<Long, SocketEndpoint> udp6 = NetTableParser.parseInet(Fixture.read("proc/9058/net/udp6"), "udp", LE);

        assertThat(udp.get(20008L)).isEqualTo(SocketEndpoint.inet("udp", "0.0.0.0", 8125, "0.0.0.0", 0, "UNCONNECTED"));
        assertThat(udp.get(20009L)).isEqualTo(SocketEndpoint.inet("udp", "10.0.0.5", 38001, "10.0.0.2", 53, "ESTABLISHED"));
        assertThat(udp6.get(17960L)).isEqualTo(SocketEndpoint.inet("udp", "127.0.0.1", 18125, "::", 0, "UNCONNECTED"));
        assertThat(udp6.get(17961L).remotePort()).isEqualTo(18125);
    }

    @Test
    void unixTableHasPathsListenersAndAbstractNames() {
        Map<Long, SocketEndpoint> unix = NetTableParser.parseUnix(Fixture.read("proc/9058/net/unix"));

        assertThat(unix).hasSize(12);
        assertThat(unix.get(17962L)).isEqualTo(SocketEndpoint.unix("LISTEN", "/tmp/lwfix/app.sock"));
        assertThat(unix.get(17964L)).as("accepted side shows the path").isEqualTo(
                SocketEndpoint.unix("CONNECTED", "/tmp/lwfix/app.sock"));
        assertThat(unix.get(17963L)).as("client side has no name").isEqualTo(SocketEndpoint.unix("CONNECTED", ""));
        assertThat(unix.get(20010L)).isEqualTo(SocketEndpoint.unix("LISTEN", "@/tmp/.X11-unix/X0"));
        assertThat(unix.get(20011L)).isEqualTo(SocketEndpoint.unix("UNCONNECTED", "/run/systemd/journal/socket"));
    }

    @Test
    void unixPathsMayContainSpaces() {
        String table = "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "0000000000000000: 00000002 00000000 00010000 0001 01 77 /run/my app/sock et\n";

        assertThat(NetTableParser.parseUnix(table).get(77L).path()).isEqualTo("/run/my app/sock et");
    }

    @Test
    void bigEndianMachinesPrintNetworkOrder() {
        assertThat(NetTableParser.address("7F000001", ByteOrder.BIG_ENDIAN)).isEqualTo("127.0.0.1");
        assertThat(NetTableParser.address("0100007F", LE)).isEqualTo("127.0.0.1");
        assertThat(NetTableParser.address("00000000000000000000000000000001", ByteOrder.BIG_ENDIAN)).isEqualTo("::1");
    }

    @Test
    void malformedLinesAreSkipped() {
        String table = "  sl  local_address rem_address   st\n"
                + "   0: 0100007F:1F90 00000000:0000 0A 0:0 00:0 0 0 0 100\n"
                + "   1: 0100007F 00000000:0000 0A 0:0 00:0 0 0 0 101\n"
                + "   2: 0100007F:1F90 00000000:0000 ZZ 0:0 00:0 0 0 0 102\n"
                + "   3: 0100:1F90 00000000:0000 0A 0:0 00:0 0 0 0 103\n"
                + "   4: 0100007F:1F90 00000000:0000 06 0:0 00:0 0 0 0 0\n"
                + "   5: 0100007F:1F9000 00000000:0000 0A 0:0 00:0 0 0 0 105\n";

        assertThat(NetTableParser.parseInet(table, "tcp", LE)).containsOnlyKeys(100L);
    }
}
