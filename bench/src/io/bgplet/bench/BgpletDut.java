package io.bgplet.bench;

import io.bgplet.rib.BestChange;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerListener;
import io.bgplet.wire.Family;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * bgplet as the device under test: one {@link Speaker} listening on port 179, the
 * generators as passive neighbours (import accept, nothing exported to them) and, unless
 * --sink is absent, the sink as an active neighbour with exportLearned (transit). Prints
 * "LOCRIB nanos n" when the Loc-RIB first holds --expect destinations (the ingest view).
 * With --api host:port it also serves the GoBGP API ({@link ApiServer}).
 */
public final class BgpletDut {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        long as = Long.parseLong(a.get("as", "64500"));
        long genAs = Long.parseLong(a.get("gen-as", "64501"));
        long expect = a.integer("expect", 0);
        boolean v6 = a.flag("ipv6");
        Set<Family> families = v6 ? Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST) : Set.of(Family.IPV4_UNICAST);
        NeighborConfig.Timers timers = new NeighborConfig.Timers(1, 240, 80);
        List<NeighborConfig> neighbors = new ArrayList<>();
        for (String g : a.need("gens").split(",")) {
            neighbors.add(new NeighborConfig("gen-" + g, InetAddress.getByName(g), 179, genAs, null, timers, 1,
                    NeighborConfig.GracefulRestartConfig.DISABLED, families, null, 0, true,
                    NeighborConfig.ImportPolicy.ACCEPT, false, Map.of(), null));
        }
        String sink = a.get("sink", "");
        if (!sink.isEmpty()) {
            neighbors.add(new NeighborConfig("sink", InetAddress.getByName(sink), 179, Long.parseLong(a.get("sink-as", "64502")), null,
                    timers, 1, NeighborConfig.GracefulRestartConfig.DISABLED, families, null, 0, false,
                    NeighborConfig.ImportPolicy.ACCEPT, true, Map.of(), null));
        }
        Speaker speaker = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
        CountDownLatch forever = new CountDownLatch(1);
        speaker.addListener(new SpeakerListener() {
            private long count;
            private boolean told;

            @Override
            public void onBestChanges(Family family, List<BestChange> changes) {
                for (BestChange c : changes) {
                    if (c.previous() == null && c.best() != null) count++;
                    else if (c.previous() != null && c.best() == null) count--;
                }
                if (!told && expect > 0 && count >= expect) {
                    told = true;
                    System.out.println("LOCRIB " + System.nanoTime() + " " + count);
                    System.out.flush();
                }
            }
        });
        speaker.apply(new InstanceConfig("bench", as, (Inet4Address) InetAddress.getByName(a.need("router-id")), null, 179, neighbors)).get();
        String api = a.get("api", "");
        if (!api.isEmpty()) ApiServer.start(api, speaker);
        System.out.println("UP");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(speaker::close));
        forever.await();
    }
}
