package io.pbxhub.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the upstream for a request path. The most specific pattern wins (most literal segments, then fixed length
 * before {@code **}), so {@code /api/v1/instances/*&#47;click2dial} goes to esl-ingest while the rest of
 * {@code /api/v1/instances/**} goes to instance-service, whatever order the configuration lists them in.
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        List<Route> all = new ArrayList<>();
        config.services().forEach((name, upstream) -> upstream.routes()
                .forEach(pattern -> all.add(new Route(name, upstream.url(), pattern.split("/")))));
        all.sort(Comparator.comparingInt(Route::literalSegments).reversed()
                .thenComparing(Route::openEnded));
        this.routes = List.copyOf(all);
    }

    public Optional<Route> resolve(String path) {
        String[] segments = path.split("/");
        for (Route route : routes) {
            if (route.matches(segments)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public record Route(String service, URI url, String[] pattern) {

        int literalSegments() {
            int n = 0;
            for (String s : pattern) {
                if (!s.equals("*") && !s.equals("**")) {
                    n++;
                }
            }
            return n;
        }

        boolean openEnded() {
            return pattern.length > 0 && pattern[pattern.length - 1].equals("**");
        }

        boolean matches(String[] path) {
            int fixed = openEnded() ? pattern.length - 1 : pattern.length;
            if (path.length < fixed || (!openEnded() && path.length != fixed)) {
                return false;
            }
            for (int i = 0; i < fixed; i++) {
                if (!pattern[i].equals("*") && !pattern[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        public int port() {
            if (url.getPort() > 0) {
                return url.getPort();
            }
            return "https".equals(url.getScheme()) ? 443 : 80;
        }
    }
}
