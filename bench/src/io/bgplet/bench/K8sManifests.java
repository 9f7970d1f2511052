package io.bgplet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The manifests of the k8s scenario: one file with the Node (InternalIP = the DUT's address
 * toward the sink), a CiliumBGPClusterConfig with one instance (AS 64500) and one peer (the
 * sink, AS 64502), its CiliumBGPPeerConfig (IPv4 unicast, advertisements labelled
 * advertise=bgp) and a CiliumBGPAdvertisement of LoadBalancerIP for every Service; then the
 * Services, spread over --files files ("services-NNNNN.yaml"). Service i is
 * bench/svc-i with ingress IP {@link #ip}(i): 198.19.0.0/16, clear of the harness's
 * 198.18.1/24 and 198.18.2/24 links. Every write is atomic: a hidden temp file (skipped by the
 * source) renamed over the target.
 */
record K8sManifests(Path dir, int services, int files) {
    static final String NODE = "bench-node";

    static int ip(int n) {
        return 198 << 24 | 19 << 16 | n;
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    int fileOf(int service) {
        return (int) ((long) service * files / services);
    }

    void writeBase(String dutAddress, String sinkAddress) throws IOException {
        write("base.yaml", """
                apiVersion: v1
                kind: Node
                metadata: {name: %s, labels: {bgp: "on"}}
                status: {addresses: [{type: InternalIP, address: %s}]}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumBGPClusterConfig
                metadata: {name: bench}
                spec:
                  nodeSelector: {matchLabels: {bgp: "on"}}
                  bgpInstances:
                  - name: bench
                    localASN: 64500
                    peers:
                    - {name: sink, peerAddress: %s, peerASN: 64502, peerConfigRef: {name: sink}}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumBGPPeerConfig
                metadata: {name: sink}
                spec:
                  families:
                  - {afi: ipv4, safi: unicast, advertisements: {matchLabels: {advertise: bgp}}}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumBGPAdvertisement
                metadata: {name: lb, labels: {advertise: bgp}}
                spec:
                  advertisements:
                  - advertisementType: Service
                    service: {addresses: [LoadBalancerIP]}
                    selector: {matchExpressions: [{key: io.kubernetes.service.namespace, operator: In, values: [bench]}]}
                """.formatted(NODE, dutAddress, sinkAddress));
    }

    /** Writes every Services file; ips[i] is Service i's ingress address. */
    void writeAll(int[] ips) throws IOException {
        for (int f = 0; f < files; f++) writeFile(f, ips);
    }

    /** Rewrites the file holding Service i (after ips[i] changed). */
    void rewrite(int service, int[] ips) throws IOException {
        writeFile(fileOf(service), ips);
    }

    private void writeFile(int f, int[] ips) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < services; i++) {
            if (fileOf(i) != f) continue;
            if (!b.isEmpty()) b.append("---\n");
            b.append("apiVersion: v1\nkind: Service\nmetadata: {name: svc-").append(i).append(", namespace: bench}\n")
                    .append("spec: {type: LoadBalancer, ports: [{port: 80, protocol: TCP}]}\n")
                    .append("status: {loadBalancer: {ingress: [{ip: ").append(dotted(ips[i])).append("}]}}\n");
        }
        write(String.format("services-%05d.yaml", f), b.toString());
    }

    private void write(String name, String text) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
