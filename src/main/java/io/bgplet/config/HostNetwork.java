package io.bgplet.config;

import io.bgplet.wire.Family;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the node's own network looks like, supplied by the caller (netlink in production, a
 * map in tests): interface addresses for Interface advertisements and
 * transport.sourceInterface, default gateways for DefaultGateway auto-discovery.
 */
public record HostNetwork(Map<String, Interface> interfaces, Map<Family, InetAddress> defaultGateways) {
    public static final HostNetwork EMPTY = new HostNetwork(Map.of(), Map.of());

    public HostNetwork {
        interfaces = Map.copyOf(interfaces);
        defaultGateways = Map.copyOf(defaultGateways);
    }

    /** An interface; up means admin-up and oper up or unknown. */
    public record Interface(String name, boolean up, List<InetAddress> addresses) {
        public Interface {
            addresses = List.copyOf(addresses);
        }

        /**
         * The addresses Cilium would use: loopback, multicast, IPv6 link-local and IPv4-mapped
         * addresses are skipped; IPv4 link-local is kept.
         */
        public List<InetAddress> usable() {
            List<InetAddress> out = new ArrayList<>();
            for (InetAddress a : addresses) {
                if (a.isLoopbackAddress() || a.isMulticastAddress()) continue;
                if (a instanceof Inet6Address v6 && (v6.isLinkLocalAddress() || isV4Mapped(v6))) continue;
                out.add(a);
            }
            return out;
        }

        public List<InetAddress> usable(Family family) {
            return usable().stream().filter(a -> family.equals(Family.IPV4_UNICAST) == (a instanceof Inet4Address)).toList();
        }

        private static boolean isV4Mapped(Inet6Address a) {
            byte[] b = a.getAddress();
            for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
            return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
        }
    }
}
