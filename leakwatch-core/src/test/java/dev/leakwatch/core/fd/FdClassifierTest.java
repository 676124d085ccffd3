package dev.leakwatch.core.fd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FdClassifierTest {

    /** Sockets of a process that talks to a database, serves on 8080 and exports over unix and udp. */
    private static final SocketResolver SOCKETS = new SocketResolver() {
        private final Map<Long, SocketEndpoint> table = Map.ofEntries(
                Map.entry(1L, SocketEndpoint.inet("tcp", "127.0.0.1", 41234, "127.0.0.1", 5432, "ESTABLISHED")),
                Map.entry(2L, SocketEndpoint.inet("tcp", "127.0.0.1", 41299, "127.0.0.1", 5432, "ESTABLISHED")),
                Map.entry(3L, SocketEndpoint.inet("tcp", "0.0.0.0", 8080, "0.0.0.0", 0, "LISTEN")),
                Map.entry(4L, SocketEndpoint.inet("tcp", "10.0.0.5", 8080, "192.168.1.7", 50123, "ESTABLISHED")),
                Map.entry(5L, SocketEndpoint.inet("tcp", "10.0.0.5", 51000, "10.0.0.9", 5432, "CLOSE_WAIT")),
                Map.entry(6L, SocketEndpoint.inet("tcp", "2001:db8::10", 44000, "2001:db8:0:1::20", 443, "ESTABLISHED")),
                Map.entry(7L, SocketEndpoint.inet("udp", "0.0.0.0", 8125, "0.0.0.0", 0, "UNCONNECTED")),
                Map.entry(8L, SocketEndpoint.inet("udp", "0.0.0.0", 45001, "0.0.0.0", 0, "UNCONNECTED")),
                Map.entry(9L, SocketEndpoint.unix("LISTEN", "/run/app.sock")),
                Map.entry(10L, SocketEndpoint.unix("CONNECTED", "")),
                Map.entry(11L, SocketEndpoint.unix("CONNECTED", "/tmp/.s.PGSQL.5432")),
                Map.entry(12L, SocketEndpoint.inet("tcp", "::", 9090, "::", 0, "LISTEN")));

        @Override
        public Optional<SocketEndpoint> resolve(long inode) {
            return Optional.ofNullable(table.get(inode));
        }

        @Override
        public boolean listensOn(String protocol, int port) {
            return "tcp".equals(protocol) && (port == 8080 || port == 9090);
        }
    };

    private static FdGroup classify(String link) {
        return FdClassifier.classify(link, SOCKETS);
    }

    @Test
    void filesGroupByPathWithCountersAsStars() {
        assertThat(classify("/var/data/segment-12.dat")).isEqualTo(new FdGroup("/var/data/segment-*.dat", FdType.FILE));
        assertThat(classify("/var/data/segment-13.dat")).isEqualTo(classify("/var/data/segment-12.dat"));
        assertThat(classify("/tmp/x/segment-12.dat").pattern()).isEqualTo("/tmp/x/segment-*.dat");
        assertThat(classify("/dev/null")).isEqualTo(new FdGroup("/dev/null", FdType.FILE));
    }

    @Test
    void idsInPathsBecomeOneStar() {
        assertThat(classify("/tmp/upload-3fa85f64-5717-4562-b3fc-2c963f66afa6.tmp").pattern())
                .isEqualTo("/tmp/upload-*.tmp");
        assertThat(classify("/var/lib/docker/containers/8f2c1d4e5b6a7988/log.json").pattern())
                .isEqualTo("/var/lib/docker/containers/*/log.json");
        assertThat(classify("/opt/app/cafebabe/deadbeef.txt").pattern())
                .as("hex-looking words without digits stay")
                .isEqualTo("/opt/app/cafebabe/deadbeef.txt");
    }

    @Test
    void deletedFilesKeepTheirMarker() {
        assertThat(classify("/tmp/spool-17.tmp (deleted)"))
                .isEqualTo(new FdGroup("/tmp/spool-*.tmp (deleted)", FdType.FILE));
    }

    @Test
    void outgoingConnectionsHideTheEphemeralLocalPort() {
        assertThat(classify("socket:[1]")).isEqualTo(new FdGroup("tcp 127.0.0.1:* -> 127.0.0.1:5432", FdType.SOCKET));
        assertThat(classify("socket:[2]")).isEqualTo(classify("socket:[1]"));
        assertThat(classify("socket:[6]").pattern()).isEqualTo("tcp [2001:db8::10]:* -> [2001:db8:0:1::20]:443");
    }

    @Test
    void acceptedConnectionsHideTheRemotePort() {
        assertThat(classify("socket:[4]").pattern()).isEqualTo("tcp 10.0.0.5:8080 <- 192.168.1.7:*");
    }

    @Test
    void listenersKeepTheirPortAndUnusualStatesShow() {
        assertThat(classify("socket:[3]").pattern()).isEqualTo("tcp 0.0.0.0:8080 LISTEN");
        assertThat(classify("socket:[12]").pattern()).isEqualTo("tcp [::]:9090 LISTEN");
        assertThat(classify("socket:[5]").pattern()).isEqualTo("tcp 10.0.0.5:* -> 10.0.0.9:5432 CLOSE_WAIT");
    }

    @Test
    void udpSocketsKeepWellKnownPortsOnly() {
        assertThat(classify("socket:[7]").pattern()).isEqualTo("udp 0.0.0.0:8125");
        assertThat(classify("socket:[8]").pattern()).isEqualTo("udp 0.0.0.0:*");
    }

    @Test
    void unixSocketsGroupByPath() {
        assertThat(classify("socket:[9]")).isEqualTo(new FdGroup("unix /run/app.sock LISTEN", FdType.SOCKET));
        assertThat(classify("socket:[10]").pattern()).isEqualTo("unix");
        assertThat(classify("socket:[11]").pattern()).isEqualTo("unix /tmp/.s.PGSQL.*");
    }

    @Test
    void unknownAndMalformedSocketsStayVisibleAsUnresolved() {
        assertThat(classify("socket:[424242]")).isEqualTo(new FdGroup("socket:[*]", FdType.SOCKET));
        assertThat(classify("socket:[]")).isEqualTo(new FdGroup("socket:[*]", FdType.SOCKET));
        assertThat(classify("socket:[12x]")).isEqualTo(new FdGroup("socket:[*]", FdType.SOCKET));
        assertThat(classify("socket:[99999999999999999999]")).isEqualTo(new FdGroup("socket:[*]", FdType.SOCKET));
        assertThat(FdClassifier.classify("socket:[1]", SocketResolver.none()).pattern()).isEqualTo("socket:[*]");
    }

    @Test
    void pipesAnonInodesAndTheRest() {
        assertThat(classify("pipe:[17965]")).isEqualTo(new FdGroup("pipe", FdType.PIPE));
        assertThat(classify("anon_inode:[eventfd]")).isEqualTo(new FdGroup("anon_inode:[eventfd]", FdType.ANON));
        assertThat(classify("anon_inode:inotify")).isEqualTo(new FdGroup("anon_inode:inotify", FdType.ANON));
        assertThat(classify("/memfd:jit-cache (deleted)")).isEqualTo(new FdGroup("/memfd:jit-cache (deleted)", FdType.ANON));
        assertThat(classify("net:[4026531840]")).isEqualTo(new FdGroup("net:[*]", FdType.OTHER));
        assertThat(classify("")).isEqualTo(new FdGroup("", FdType.OTHER));
    }

    @Test
    void typeIdsAreTheContractNames() {
        assertThat(FdType.FILE.id()).isEqualTo("file");
        assertThat(FdType.SOCKET.id()).isEqualTo("socket");
        assertThat(FdType.PIPE.id()).isEqualTo("pipe");
        assertThat(FdType.ANON.id()).isEqualTo("anon");
        assertThat(FdType.OTHER.id()).isEqualTo("other");
    }

    @Test
    void fuzzedTargetsAlwaysClassify() {
        TextMutations mutations = new TextMutations(7);
        Random random = new Random(11);
        String[] seeds = {"/var/data/segment-12.dat", "socket:[1]", "socket:[5]", "socket:[11]", "pipe:[3]",
            "anon_inode:[eventfd]", "/tmp/a (deleted)", "net:[4026531840]"};
        for (int i = 0; i < 5_000; i++) {
            String link = mutations.mutate(seeds[random.nextInt(seeds.length)]);
            FdGroup group = classify(link);
            if (group.type() != FdType.SOCKET) {
                assertThat(group.pattern()).as(link).doesNotContainPattern("[0-9]");
            }
        }
    }
}
