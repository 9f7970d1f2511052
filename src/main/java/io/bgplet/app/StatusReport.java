package io.bgplet.app;

import io.bgplet.config.Result;
import io.bgplet.k8s.KubernetesSource;
import io.bgplet.k8s.NodeConfigWriter;
import io.bgplet.k8s.Observed;
import io.bgplet.k8s.PeerSession;
import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bridges the speakers to the node's CiliumBGPNodeConfig status (kubernetes source only):
 * turns neighbour snapshots into {@link PeerSession}s for the writer, and asks the writer for
 * an early pass when a session changes state or a new snapshot was applied.
 */
@ApplicationScoped
public class StatusReport {
    private static final Logger LOG = Logger.getLogger(StatusReport.class);

    @Inject
    Agent agent;

    @Inject
    BgpletConfig config;

    private final Set<Speaker> listening = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private volatile NodeConfigWriter writer;

    void start(KubernetesClient client, KubernetesSource source) {
        writer = new NodeConfigWriter(client, source, agent.nodeName(), this::observe, Clock.systemUTC(), config.statusReport());
        writer.start();
    }

    /** After the agent applied a snapshot: listen to speakers it just created, and write soon. */
    void applied() {
        NodeConfigWriter w = writer;
        if (w == null) return;
        SpeakerListener onState = new SpeakerListener() {
            @Override
            public void onNeighborState(NeighborStatus status) {
                w.changed();
            }
        };
        for (Speaker s : agent.speakers().values()) if (listening.add(s)) s.addListener(onState);
        w.changed();
    }

    /** The writer, or null outside the kubernetes source. */
    public NodeConfigWriter writer() {
        return writer;
    }

    private Observed observe() {
        Result r = agent.lastResult();
        if (r == null) return null;
        Map<String, List<PeerSession>> sessions = new HashMap<>();
        for (Map.Entry<String, Speaker> e : agent.speakers().entrySet()) {
            try {
                sessions.put(e.getKey(), e.getValue().query(v -> v.neighbors().stream().map(StatusReport::session).toList())
                        .get(2, TimeUnit.SECONDS));
            } catch (Exception ex) {
                LOG.debugf("instance %s did not answer the status query: %s", e.getKey(), ex.toString());
                return null; // a partial status would report missing peers; try again next pass
            }
        }
        return new Observed(r, sessions);
    }

    static PeerSession session(NeighborStatus n) {
        Negotiated neg = n.negotiated().orElse(null);
        boolean up = n.state() == State.ESTABLISHED;
        Map<io.bgplet.wire.Family, PeerSession.Routes> routes = new HashMap<>();
        n.families().forEach((f, c) -> routes.put(f, new PeerSession.Routes(c.received(), c.advertised())));
        return new PeerSession(n.config().name(), n.config().address().getHostAddress(), n.config().peerAs(),
                neg == null ? 0 : neg.peerAs(), state(n.state()), up && neg != null ? neg.holdTime() : null,
                up && neg != null ? neg.keepaliveTime() : null, up ? n.establishedAt() : null, routes);
    }

    /** Cilium's peeringState spelling (GoBGP's session states, lower case with underscores). */
    static String state(State s) {
        return switch (s) {
            case IDLE -> "idle";
            case CONNECT -> "connect";
            case ACTIVE -> "active";
            case OPEN_SENT -> "open_sent";
            case OPEN_CONFIRM -> "open_confirm";
            case ESTABLISHED -> "established";
        };
    }

    @PreDestroy
    void stop() {
        if (writer != null) writer.close();
    }
}
