package io.bgplet.speaker;

import io.bgplet.rib.AdjRibOut;
import io.bgplet.rib.Export;
import io.bgplet.rib.ExportPeer;
import io.bgplet.rib.ExportResult;
import io.bgplet.rib.LocRib;
import io.bgplet.rib.RouteFilter;
import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.MessageCodec;
import io.bgplet.wire.Prefix;
import io.bgplet.wire.Update;
import io.bgplet.wire.UpdatePacker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The send side (RFC 4271 9.1.3, 9.2): destinations whose best path changed go through the
 * neighbour's export policy into its Adj-RIB-Out, and the difference leaves as packed
 * UPDATEs, many prefixes per message. Work is cut into chunks; while the neighbour's socket
 * is above its high water mark the rest waits in {@link Neighbor#pendingExport}, so a slow
 * peer costs a set of prefixes, never an unbounded queue of encoded bytes.
 */
final class Outbound {
    /** Destinations exported per chunk before writability is checked again. */
    static final int CHUNK = 4096;

    private final LocRib locRib;
    private final Export export;
    private final long localAs;
    private final Inet4Address routerId;
    private final BiFunction<Neighbor, Family, RouteFilter> exportFilter;
    /** Prefix keys of the group being written (writer thread only; grows to the largest group). */
    private long[] keys = new long[64];

    Outbound(LocRib locRib, Export export, long localAs, Inet4Address routerId, BiFunction<Neighbor, Family, RouteFilter> exportFilter) {
        this.locRib = locRib;
        this.export = export;
        this.localAs = localAs;
        this.routerId = routerId;
        this.exportFilter = exportFilter;
    }

    /** Queues destinations for export to n and sends what the socket takes now. */
    void enqueue(Neighbor n, Family family, Collection<Prefix> destinations) {
        if (!n.established() || !n.negotiated.families().contains(family)) return;
        n.pendingExport.computeIfAbsent(family, f -> new ExportQueue()).addAll(destinations);
    }

    /** Queues the whole Loc-RIB and Adj-RIB-Out of the family: session start or policy change. */
    void enqueueAll(Neighbor n, Family family) {
        if (!n.established() || !n.negotiated.families().contains(family)) return;
        ExportQueue all = n.pendingExport.computeIfAbsent(family, f -> new ExportQueue());
        all.addAll(locRib.prefixes(family));
        all.addAll(n.out(family).prefixes(family));
    }

    /**
     * Exports pending destinations in chunks while the socket is writable; sends End-of-RIB
     * for a family once its initial export has drained (RFC 4724 2, sent even without GR).
     * Returns true when nothing is left pending.
     */
    boolean drain(Neighbor n) {
        if (!n.established()) return true;
        ExportPeer target = target(n);
        CodecOptions options = n.negotiated.codecOptions();
        for (var entry : n.pendingExport.entrySet()) {
            Family family = entry.getKey();
            ExportQueue pending = entry.getValue();
            RouteFilter filter = exportFilter.apply(n, family);
            AdjRibOut out = n.out(family);
            while (!pending.isEmpty()) {
                if (!n.peer.isWritable()) return false;
                List<Prefix> chunk = pending.take(CHUNK);
                send(n, family, export.run(family, target, locRib, chunk, out, filter), options);
            }
        }
        for (Iterator<Family> it = n.endOfRibOwed.iterator(); it.hasNext(); ) {
            Family f = it.next();
            ExportQueue pending = n.pendingExport.get(f);
            if (pending != null && !pending.isEmpty()) continue;
            ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(32);
            MessageCodec.encode(Update.endOfRib(f), options, buf);
            n.peer.sendEncoded(buf);
            it.remove();
        }
        return true;
    }

    /** Resends the Adj-RIB-Out of the family as it is (ROUTE-REFRESH from the peer, RFC 2918 3). */
    void resend(Neighbor n, Family family) {
        if (!n.established()) return;
        send(n, family, Export.resend(family, n.out(family)), n.negotiated.codecOptions());
    }

    private void send(Neighbor n, Family family, ExportResult result, CodecOptions options) {
        if (result.isEmpty()) return;
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        int messages = 0;
        try {
            if (!result.withdrawals().isEmpty()) {
                for (Update u : UpdatePacker.packWithdrawals(result.withdrawals(), options)) {
                    MessageCodec.encode(u, options, buf);
                    messages++;
                }
            }
            for (ExportResult.Group g : result.announcements()) {
                var attrs = g.attributes().wireAttributes(family);
                if (g.attributes().carriesNextHop(family)) {
                    // IPv4 straight from prefix keys: no per-message plan or NLRI lists.
                    List<Prefix> prefixes = g.prefixes();
                    int count = prefixes.size();
                    if (keys.length < count) keys = new long[Math.max(count, keys.length * 2)];
                    for (int i = 0; i < count; i++) keys[i] = ((Ipv4Prefix) prefixes.get(i)).key();
                    messages += UpdatePacker.writeIpv4(attrs, keys, 0, count, options, buf);
                } else {
                    messages += UpdatePacker.write(attrs, g.prefixes(), options, buf);
                }
            }
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        n.updatesOut += messages;
        n.peer.sendEncoded(buf);
    }

    /** The addresses this session advertises as next hop self. */
    ExportPeer target(Neighbor n) {
        // Looked up once per session: the interface's addresses cost system calls.
        if (n.exportTarget != null && n.exportTargetFor == n.negotiated) return n.exportTarget;
        InetAddress local = n.peer.localAddress().map(InetSocketAddress::getAddress).orElse(null);
        Inet4Address v4 = local instanceof Inet4Address a ? a : (Inet4Address) sibling(local, Inet4Address.class);
        InetAddress v6 = local instanceof Inet6Address a ? a : sibling(local, Inet6Address.class);
        if (v4 == null) v4 = routerId;
        n.exportTarget = new ExportPeer(n.source, localAs, v4, v6 != null ? v6 : mapped(v4), null);
        n.exportTargetFor = n.negotiated;
        return n.exportTarget;
    }

    /**
     * A global address of the other family on the interface that holds {@code local}: the
     * next hop for the other family's routes on this session (RFC 2545 3 wants a global IPv6
     * address; FRR and BIRD both take the interface's), or null.
     */
    static InetAddress sibling(InetAddress local, Class<? extends InetAddress> kind) {
        if (local == null) return null;
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(local);
            if (nif == null) return null;
            for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                if (kind.isInstance(a) && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                    // Strip the scope: a next hop on the wire carries none.
                    return InetAddress.getByAddress(a.getAddress());
                }
            }
        } catch (SocketException | UnknownHostException e) {
            // No interface information: the caller falls back.
        }
        return null;
    }

    /**
     * An IPv4-mapped IPv6 address (RFC 4291 2.5.5.2) as IPv6 next hop when IPv6 routes ride an
     * IPv4 session and no IPv6 address is known, as GoBGP does.
     */
    static InetAddress mapped(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
