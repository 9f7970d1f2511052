package io.bgplet.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /bgplet/fib/resync} on the HTTP port: a full resync of the kernel routes of
 * every instance against its RIB, answered with what it changed, as JSON. Only from the node
 * itself (a loopback client), since the port listens on every address for the probes.
 */
@ApplicationScoped
class FibEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Agent agent;

    void routes(@Observes Router router) {
        router.post("/bgplet/fib/resync").handler(this::resync);
    }

    private void resync(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().putHeader("content-type", "application/json");
        if (!loopback(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host())) {
            response.setStatusCode(403).end("{\"error\":\"resync is only accepted from the node itself (loopback)\"}\n");
            return;
        }
        agent.resyncFib().orTimeout(30, TimeUnit.SECONDS).whenComplete((reports, e) -> {
            if (e != null) {
                response.setStatusCode(500).end("{\"error\":" + quote(String.valueOf(e.getMessage())) + "}\n");
                return;
            }
            try {
                response.end(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reports) + "\n");
            } catch (JsonProcessingException ex) {
                response.setStatusCode(500).end("{\"error\":" + quote(ex.getMessage()) + "}\n");
            }
        });
    }

    static boolean loopback(String host) {
        if (host == null) return false;
        try {
            // A literal from the socket: no name lookup happens.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }
}
