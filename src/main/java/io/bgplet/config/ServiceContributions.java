package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.model.EndpointSlice;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.Service;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each Service contributes to each peer's advertisements, kept between snapshots so a
 * change of a few Services (or their EndpointSlices) costs work for those Services only. A
 * target is one (instance, neighbour, family) with Service entries; per target the prefixes
 * are a multiset of contributions (the Service-free part computed once, plus one entry per
 * Service that selects the prefix), merged with {@link AdvertisementAttributes#merge}, which
 * is commutative and associative, so the order contributions arrive in does not matter.
 *
 * <p>Built from a full {@link DesiredState#compute} and checked against it; {@link #build}
 * returns null when the index cannot reproduce the full result (then every snapshot is
 * computed in full).
 */
final class ServiceContributions {
    private static final AdvertisementAttributes[] NO_ATTRIBUTES = new AdvertisementAttributes[0];

    /** One (instance, neighbour, family) whose family selects Service entries. */
    private static final class Target {
        final int instance;
        final int neighbor;
        final Family family;
        final List<Advertising.ServiceEntry> entries;
        /** The Service-free part: what the family advertises with no Service at all. */
        final Map<Prefix, AdvertisementAttributes> base;
        /** Attributes each Service that selects the prefix adds (a multiset: equal entries repeat). */
        final Map<Prefix, List<AdvertisementAttributes>> fromServices = new HashMap<>();
        /** The merged advertisements, in the full computation's order (by prefix). */
        final TreeMap<Prefix, NeighborConfig.Advertisement> current = new TreeMap<>();
        final Set<Prefix> touched = new HashSet<>();

        Target(int instance, int neighbor, Family family, List<Advertising.ServiceEntry> entries, Map<Prefix, AdvertisementAttributes> base) {
            this.instance = instance;
            this.neighbor = neighbor;
            this.family = family;
            this.entries = entries;
            this.base = base;
        }
    }

    /**
     * One Service's contribution, flat: prefix i goes to target targets[i] with attributes[i].
     * Its problems (addresses that do not parse) are kept with it.
     */
    private record Contribution(int[] targets, Prefix[] prefixes, AdvertisementAttributes[] attributes, List<Problem> problems) {
        static final Contribution NONE = new Contribution(new int[0], new Prefix[0], NO_ATTRIBUTES, List.of());
    }

    private final Node node;
    private final List<Target> targets;
    private final List<Problem> baseProblems;
    /** Current EndpointSlices by "namespace/service". */
    private Map<String, List<EndpointSlice>> slices;
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Contribution> contributions = new HashMap<>();
    /** The problems of the Services that have any, so a pass does not visit every Service for them. */
    private final Map<String, List<Problem>> problems = new HashMap<>();

    private ServiceContributions(Node node, List<Target> targets, List<Problem> baseProblems) {
        this.node = node;
        this.targets = targets;
        this.baseProblems = baseProblems;
    }

    static String key(Service s) {
        return s.namespace() + "/" + s.name();
    }

    static String key(EndpointSlice s) {
        return s.namespace() + "/" + s.serviceName();
    }

    /**
     * The index for a snapshot whose full result is {@code full}, or null when it cannot be
     * kept (Services that share a name, a peer dropped after its advertisements were
     * computed, names used twice) or does not reproduce {@code full} exactly.
     */
    static ServiceContributions build(Inputs inputs, String nodeName, Result full) {
        if (full.nodeConfig() == null) return null; // nothing advertised: Services cannot matter until the next full pass
        if (full.problems().stream().anyMatch(p -> p.message().contains(DesiredState.DUPLICATE_PEER_ADDRESS))) return null;
        Node node = inputs.nodes().stream().filter(n -> n.name().equals(nodeName)).findFirst().orElse(null);
        if (node == null) return null;
        Result base = DesiredState.compute(inputs.withServices(List.of()), nodeName);
        if (!sameShape(base, full)) return null;
        Advertising advertising = new Advertising(inputs, node, p -> { }); // its problems are in base's already
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < full.instances().size(); i++) {
            InstanceConfig ic = full.instances().get(i);
            CiliumBGPNodeConfig.Instance nci = only(full.nodeConfig().spec().bgpInstances(), ic.name());
            if (nci == null) return null;
            for (int jj = 0; jj < ic.neighbors().size(); jj++) {
                final int ii = i;
                final int j = jj;
                NeighborConfig nc = ic.neighbors().get(j);
                List<CiliumBGPNodeConfig.Peer> named = nci.peers().stream().filter(p -> p.name().equals(nc.name())).toList();
                if (named.size() != 1) return null;
                if (named.getFirst().peerConfigRef() == null) continue; // Cilium's defaults: nothing advertised
                String ref = named.getFirst().peerConfigRef().name();
                CiliumBGPPeerConfig pc = inputs.peerConfigs().stream().filter(p -> p.name().equals(ref)).findFirst().orElse(null);
                if (pc == null) return null;
                NeighborConfig baseNc = base.instances().get(i).neighbors().get(j);
                advertising.serviceEntries(PeerFamilies.of(pc.spec())).forEach((family, entries) -> {
                    if (entries.isEmpty()) return;
                    Map<Prefix, AdvertisementAttributes> fixed = new HashMap<>();
                    for (NeighborConfig.Advertisement a : baseNc.advertisements().getOrDefault(family, List.of())) {
                        fixed.put(a.prefix(), AdvertisementAttributes.of(a));
                    }
                    targets.add(new Target(ii, j, family, entries, fixed));
                });
            }
        }
        ServiceContributions index = new ServiceContributions(node, targets, base.problems());
        index.slices = bySlice(inputs.endpointSlices());
        for (Target t : targets) {
            for (Prefix p : t.base.keySet()) t.touched.add(p);
        }
        for (Service s : inputs.services()) {
            if (index.services.put(key(s), s) != null) return null; // two Services with one name: leave it to the full pass
            index.add(key(s), s);
        }
        Result rebuilt = index.result(full);
        return rebuilt.equals(full) ? index : null;
    }

    /** The same instances and neighbours, in the same order. */
    private static boolean sameShape(Result a, Result b) {
        if (a.instances().size() != b.instances().size()) return false;
        for (int i = 0; i < a.instances().size(); i++) {
            InstanceConfig x = a.instances().get(i);
            InstanceConfig y = b.instances().get(i);
            if (!x.name().equals(y.name()) || x.neighbors().size() != y.neighbors().size()) return false;
            for (int j = 0; j < x.neighbors().size(); j++) {
                if (!x.neighbors().get(j).address().equals(y.neighbors().get(j).address())) return false;
                if (!x.neighbors().get(j).name().equals(y.neighbors().get(j).name())) return false;
            }
        }
        return true;
    }

    private static CiliumBGPNodeConfig.Instance only(List<CiliumBGPNodeConfig.Instance> instances, String name) {
        List<CiliumBGPNodeConfig.Instance> named = instances.stream().filter(i -> i.name().equals(name)).toList();
        return named.size() == 1 ? named.getFirst() : null;
    }

    private static Map<String, List<EndpointSlice>> bySlice(List<EndpointSlice> all) {
        Map<String, List<EndpointSlice>> out = new HashMap<>();
        for (EndpointSlice s : all) out.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        return out;
    }

    /**
     * Moves the index from {@code before} to {@code now}, which differ at most in Services and
     * EndpointSlices, and returns the new result built on {@code last}; null when it cannot
     * (two Services share a name), and the caller computes in full.
     */
    Result update(Inputs before, Inputs now, Result last) {
        Set<String> changed = new HashSet<>();
        if (!diffServices(before.services(), now.services(), changed)) return null;
        if (!sameList(before.endpointSlices(), now.endpointSlices())) {
            Map<String, List<EndpointSlice>> next = bySlice(now.endpointSlices());
            for (String k : slices.keySet()) if (!Objects.equals(slices.get(k), next.get(k))) changed.add(k);
            for (String k : next.keySet()) if (!slices.containsKey(k)) changed.add(k);
            slices = next;
        }
        for (String k : changed) {
            remove(k);
            Service s = services.get(k);
            if (s != null) add(k, s);
        }
        return result(last);
    }

    /** Fills {@code changed} with the names of Services added, removed or changed, and updates {@link #services}. */
    private boolean diffServices(List<Service> before, List<Service> now, Set<String> changed) {
        if (before.size() == now.size()) {
            // The sources hand on unchanged objects as the same instances in the same order: one pass of == checks.
            boolean aligned = true;
            List<Integer> moved = new ArrayList<>();
            for (int i = 0; i < now.size() && aligned; i++) {
                Service a = before.get(i);
                Service b = now.get(i);
                if (a == b) continue;
                if (!key(a).equals(key(b))) aligned = false;
                else if (!a.equals(b)) moved.add(i);
                else services.put(key(b), b);
            }
            if (aligned) {
                for (int i : moved) {
                    services.put(key(now.get(i)), now.get(i));
                    changed.add(key(now.get(i)));
                }
                return true;
            }
        }
        Map<String, Service> next = new HashMap<>();
        for (Service s : now) if (next.put(key(s), s) != null) return false;
        for (var e : services.entrySet()) {
            Service b = next.get(e.getKey());
            if (b == null || b != e.getValue() && !b.equals(e.getValue())) changed.add(e.getKey());
        }
        for (String k : next.keySet()) if (!services.containsKey(k)) changed.add(k);
        services.clear();
        services.putAll(next);
        return true;
    }

    private static boolean sameList(List<?> a, List<?> b) {
        if (a == b) return true;
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) return false;
        return true;
    }

    private void add(String key, Service s) {
        Contribution c = contribution(s);
        if (c.targets().length == 0 && c.problems().isEmpty()) return;
        contributions.put(key, c);
        if (!c.problems().isEmpty()) problems.put(key, c.problems());
        for (int i = 0; i < c.targets().length; i++) {
            Target t = targets.get(c.targets()[i]);
            t.fromServices.computeIfAbsent(c.prefixes()[i], p -> new ArrayList<>(1)).add(c.attributes()[i]);
            t.touched.add(c.prefixes()[i]);
        }
    }

    private void remove(String key) {
        Contribution c = contributions.remove(key);
        if (c == null) return;
        problems.remove(key);
        for (int i = 0; i < c.targets().length; i++) {
            Target t = targets.get(c.targets()[i]);
            List<AdvertisementAttributes> list = t.fromServices.get(c.prefixes()[i]);
            list.remove(c.attributes()[i]); // by identity of value: any equal entry stands for this one
            if (list.isEmpty()) t.fromServices.remove(c.prefixes()[i]);
            t.touched.add(c.prefixes()[i]);
        }
    }

    /** What one Service adds to every target: the same per-Service code the full pass runs. */
    private Contribution contribution(Service s) {
        List<Integer> ts = new ArrayList<>();
        List<Prefix> ps = new ArrayList<>();
        List<AdvertisementAttributes> as = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Prefix> scratch = new ArrayList<>();
        List<EndpointSlice> own = slices.getOrDefault(key(s), List.of());
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            for (Advertising.ServiceEntry e : target.entries) {
                scratch.clear();
                Advertising.serviceAddresses(s, e.entry(), target.family, svc -> Advertising.hasLocalEndpoint(svc, own, node),
                        problems::add, scratch);
                for (Prefix p : scratch) {
                    ts.add(t);
                    ps.add(p);
                    as.add(e.attributes());
                }
            }
        }
        if (ts.isEmpty() && problems.isEmpty()) return Contribution.NONE;
        return new Contribution(ts.stream().mapToInt(Integer::intValue).toArray(), ps.toArray(Prefix[]::new),
                as.toArray(NO_ATTRIBUTES), List.copyOf(problems));
    }

    /** The result of the last full pass with every target's advertisements brought up to date. */
    private Result result(Result last) {
        Map<Long, Map<Family, List<NeighborConfig.Advertisement>>> moved = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.touched.isEmpty()) continue;
            for (Prefix p : t.touched) {
                AdvertisementAttributes merged = t.base.get(p);
                for (AdvertisementAttributes a : t.fromServices.getOrDefault(p, List.of())) merged = merged == null ? a : merged.merge(a);
                if (merged == null) t.current.remove(p);
                else t.current.put(p, new NeighborConfig.Advertisement(p, merged.communityArray(), merged.largeArray(), merged.localPreference()));
            }
            t.touched.clear();
            moved.computeIfAbsent(((long) t.instance << 32) | t.neighbor, k -> new LinkedHashMap<>())
                    .put(t.family, t.current.isEmpty() ? null : List.copyOf(t.current.values()));
        }
        List<InstanceConfig> instances = new ArrayList<>(last.instances().size());
        for (int i = 0; i < last.instances().size(); i++) {
            InstanceConfig ic = last.instances().get(i);
            List<NeighborConfig> neighbors = new ArrayList<>(ic.neighbors().size());
            for (int jj = 0; jj < ic.neighbors().size(); jj++) {
                final int ii = i;
                final int j = jj;
                NeighborConfig nc = ic.neighbors().get(j);
                Map<Family, List<NeighborConfig.Advertisement>> families = moved.get(((long) i << 32) | j);
                if (families != null) {
                    Map<Family, List<NeighborConfig.Advertisement>> adverts = new LinkedHashMap<>(nc.advertisements());
                    families.forEach((f, list) -> {
                        if (list == null) adverts.remove(f);
                        else adverts.put(f, list);
                    });
                    nc = nc.withAdvertisements(adverts);
                }
                neighbors.add(nc);
            }
            instances.add(new InstanceConfig(ic.name(), ic.localAs(), ic.routerId(), ic.listenAddress(), ic.listenPort(), neighbors));
        }
        List<Problem> all = new ArrayList<>(baseProblems);
        for (List<Problem> ps : problems.values()) all.addAll(ps);
        return new Result(last.node(), last.clusterConfig(), last.nodeConfig(), instances, all);
    }
}
