package io.bgplet.session.transport;

import io.bgplet.session.SessionConfig;
import io.bgplet.session.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interop smoke test: FRR's bgpd (Debian 12 package) listens on 127.0.0.5 and a free port;
 * bgplet dials it from 127.0.0.6, reaches Established and keeps it for several hold times
 * while both count KEEPALIVEs. bgpd runs without zebra (-Z) and is stopped by its PID.
 */
class FrrInteropTest {
    private static final String BGPD = "/usr/lib/frr/bgpd";
    private Process bgpd;
    private Path dir;
    private Transport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) transport.close();
        if (bgpd != null) {
            bgpd.destroy();
            if (!bgpd.waitFor(5, TimeUnit.SECONDS)) {
                bgpd.destroyForcibly();
                bgpd.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void establishesWithFrrAndExchangesKeepalives() throws Exception {
        Interop.requireRoot();
        Interop.requireEpoll();
        Interop.requireExecutable(BGPD);
        Interop.requireExecutable("/usr/bin/vtysh");

        int port = freePort();
        dir = Files.createTempDirectory("bgplet-frr");
        Files.writeString(dir.resolve("bgpd.conf"), """
                frr defaults traditional
                hostname frr-interop
                log file %s/bgpd.log
                router bgp 65010
                 bgp router-id 192.0.2.10
                 no bgp ebgp-requires-policy
                 no bgp default ipv4-unicast
                 timers bgp 1 3
                 neighbor 127.0.0.6 remote-as 65011
                 neighbor 127.0.0.6 passive
                 neighbor 127.0.0.6 disable-connected-check
                 neighbor 127.0.0.6 timers 1 3
                 address-family ipv4 unicast
                  neighbor 127.0.0.6 activate
                 exit-address-family
                """.formatted(dir));
        new ProcessBuilder("chown", "-R", "frr:frr", dir.toString()).inheritIO().start().waitFor();
        bgpd = new ProcessBuilder(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-i", dir.resolve("bgpd.pid").toString(),
                "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-u", "frr", "-g", "frr",
                "-Z", "-l", "127.0.0.5", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("bgpd.out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("bgpd.vty")) || !bgpd.isAlive());
        assertThat(bgpd.isAlive()).as("bgpd running: " + Files.readString(dir.resolve("bgpd.out"))).isTrue();

        transport = Transport.create();
        RecordingListener l = new RecordingListener();
        SessionConfig config = SessionConfig.of(65011, 65010, (192 << 24) | (2 << 8) | 11)
                .withHoldTime(3, 0).withTimers(Duration.ofSeconds(1), Duration.ofMillis(500));
        Peer p = transport.addPeer(PeerSettings.of(InetAddress.getByName("127.0.0.5"), config)
                .withPort(port).withLocalAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.6"), 0)), l);
        p.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.state() == State.ESTABLISHED);
        assertThat(l.established.getFirst().peerRouterId()).isEqualTo((192 << 24) | (2 << 8) | 10);
        assertThat(l.established.getFirst().fourOctetAs()).isTrue();

        String before = vtysh("show bgp neighbors 127.0.0.6");
        assertThat(before).contains("BGP state = Established");
        int kaBefore = keepalivesReceived(before);
        Thread.sleep(7_000);   // more than two hold times
        String after = vtysh("show bgp neighbors 127.0.0.6");
        assertThat(after).contains("BGP state = Established");
        assertThat(keepalivesReceived(after)).isGreaterThanOrEqualTo(kaBefore + 5);
        assertThat(p.state()).isEqualTo(State.ESTABLISHED);
        assertThat(l.down).isEmpty();
    }

    private String vtysh(String command) throws IOException, InterruptedException {
        Process v = new ProcessBuilder("/usr/bin/vtysh", "--vty_socket", dir.toString(), "-c", command).redirectErrorStream(true).start();
        String out = new String(v.getInputStream().readAllBytes());
        v.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** FRR's message statistics: the "Keepalives:  sent  rcvd" row. */
    private static int keepalivesReceived(String neighbor) {
        Matcher m = Pattern.compile("Keepalives:\\s+(\\d+)\\s+(\\d+)").matcher(neighbor);
        assertThat(m.find()).as(neighbor).isTrue();
        return Integer.parseInt(m.group(2));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.5"))) {
            return s.getLocalPort();
        }
    }

}
