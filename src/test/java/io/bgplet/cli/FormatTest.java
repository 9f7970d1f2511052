package io.bgplet.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Go tabwriter and Duration formatting, checked against outputs worked out from Go's algorithms. */
class FormatTest {
    @Test
    void tabwriterPadsPerColumnBlockAndLeavesLastCellAlone() {
        String out = new TabWriter().println("a\tbbb\tc").println("aaaa\tb").flush();
        // column 0 spans both lines: max(5, 4+3) = 7; column 1 only line 1: max(5, 3+3) = 6
        assertThat(out).isEqualTo("a      bbb   c\naaaa   b\n");
    }

    @Test
    void tabwriterMinWidthFiveAndBlocksBrokenByShorterLines() {
        String out = new TabWriter().println("x\ty").println("single").println("longer-cell\tz").flush();
        // the single-cell line ends the block: each block has its own width
        assertThat(out).isEqualTo("x    y\nsingle\nlonger-cell   z\n");
    }

    @Test
    void tabwriterTrailingTabPadsTheCell() {
        String out = new TabWriter().println("Head\tLast").print("v\t1\t\n").flush();
        // the header's last cell is not in column 1; the row's tab-terminated "1" is
        assertThat(out).isEqualTo("Head   Last\nv      1    \n");
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.rounded(Duration.ofSeconds(2006))).isEqualTo("33m26s");
        assertThat(GoDuration.rounded(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.rounded(Duration.ofMillis(499))).isEqualTo("0s");
        assertThat(GoDuration.rounded(Duration.ofMillis(500))).isEqualTo("1s");
        assertThat(GoDuration.rounded(Duration.ofSeconds(60))).isEqualTo("1m0s");
        assertThat(GoDuration.rounded(Duration.ofSeconds(3605))).isEqualTo("1h0m5s");
        assertThat(GoDuration.rounded(Duration.ofHours(26).plusMillis(1500))).isEqualTo("26h0m2s");
        assertThat(GoDuration.rounded(Duration.ofSeconds(-5))).isEqualTo("-5s");
    }

    @Test
    void routeArguments() {
        RouteQuery none = RouteQuery.parse(List.of());
        assertThat(none.defaulted()).isTrue();
        assertThat(none.advertised()).isFalse();
        RouteQuery full = RouteQuery.parse(List.of("advertised", "ipv6", "unicast", "peer", "2001:db8::2"));
        assertThat(full.defaulted()).isFalse();
        assertThat(full.advertised()).isTrue();
        assertThat(full.family().getAfi()).isEqualTo(apipb.Gobgp.Family.Afi.AFI_IP6);
        assertThat(full.peer()).isEqualTo("2001:db8::2");
        assertThat(RouteQuery.parse(List.of("advertised")).defaulted()).isTrue();
        assertThat(RouteQuery.parse(List.of("available", "ipv4", "unicast", "vrouter", "65000")).vrouter()).isEqualTo(65000L);
    }

    @Test
    void communities() {
        assertThat(RibCommand.community("65000:100")).isEqualTo((int) 4259840100L);
        assertThat(PathText.community((int) 4259840100L)).isEqualTo("65000:100");
        assertThat(PathText.community(0xFFFFFF01)).isEqualTo("no-export");
        assertThat(RibCommand.community("no-export")).isEqualTo(0xFFFFFF01);
    }
}
