package io.bgplet.app;

import io.bgplet.config.HostNetwork;
import io.bgplet.wire.Family;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the host's interfaces and default gateways, the inputs Cilium takes from its
 * devices table: for {@code transport.sourceInterface}, Interface advertisements and
 * DefaultGateway auto-discovery. Gateways come from /proc/net/route and /proc/net/ipv6_route
 * (lowest metric wins, as Cilium picks it).
 */
final class HostProbe {
    private HostProbe() {}

    static HostNetwork read() {
        Map<String, HostNetwork.Interface> interfaces = new HashMap<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<InetAddress> addrs = new ArrayList<>();
                ni.getInterfaceAddresses().forEach(a -> addrs.add(a.getAddress()));
                interfaces.put(ni.getName(), new HostNetwork.Interface(ni.getName(), ni.isUp(), addrs));
            }
        } catch (SocketException e) {
            // No interfaces to offer: Interface adverts and sourceInterface report a problem.
        }
        Map<Family, InetAddress> gateways = new HashMap<>();
        ipv4Gateway().ifPresent(g -> gateways.put(Family.IPV4_UNICAST, g));
        ipv6Gateway().ifPresent(g -> gateways.put(Family.IPV6_UNICAST, g));
        return new HostNetwork(interfaces, gateways);
    }

    private static java.util.Optional<InetAddress> ipv4Gateway() {
        InetAddress best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines(Path.of("/proc/net/route"))) {
            String[] f = line.trim().split("\\s+");
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; little-endian hex.
            if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000")) continue;
            long gw = Long.parseLong(f[2], 16);
            long metric = Long.parseLong(f[6]);
            if (gw == 0 || metric >= bestMetric) continue;
            byte[] b = {(byte) gw, (byte) (gw >> 8), (byte) (gw >> 16), (byte) (gw >> 24)};
            try {
                best = InetAddress.getByAddress(b);
                bestMetric = metric;
            } catch (IOException ignored) { }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static java.util.Optional<InetAddress> ipv6Gateway() {
        InetAddress best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines(Path.of("/proc/net/ipv6_route"))) {
            String[] f = line.trim().split("\\s+");
            // dest destlen src srclen nexthop metric refcnt use flags iface
            if (f.length < 10 || !f[0].equals("00000000000000000000000000000000") || !f[1].equals("00")) continue;
            if (f[4].equals("00000000000000000000000000000000")) continue;
            long metric = Long.parseLong(f[5], 16);
            if (metric >= bestMetric) continue;
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) b[i] = (byte) Integer.parseInt(f[4].substring(2 * i, 2 * i + 2), 16);
            try {
                best = InetAddress.getByAddress(b);
                bestMetric = metric;
            } catch (IOException ignored) { }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static List<String> lines(Path p) {
        try {
            List<String> all = Files.readAllLines(p);
            return all.isEmpty() ? all : all.subList(1, all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
