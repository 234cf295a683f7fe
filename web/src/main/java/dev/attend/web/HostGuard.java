package dev.attend.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Refuses (403) a request whose Host header, or Origin header when there is one, is not an address this server
 * serves, so that a page of another site cannot reach it by rebinding its own domain name to 127.0.0.1.
 *
 * <p>Bound to a loopback address, the server answers to 127.0.0.1, localhost and [::1] on its port; bound to a
 * name or address, to that; bound to every interface (0.0.0.0, ::), to any IP address (DNS rebinding needs a
 * name) and localhost. An Origin must be {@code http://} and such a host and port.
 */
final class HostGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-f:.]+]");

    private final String boundHost;
    private final IntSupplier port;

    /** @param port the port the server listens on, asked per request (known only once it has started) */
    HostGuard(String boundHost, IntSupplier port) {
        this.boundHost = bracketed(boundHost.toLowerCase(Locale.ROOT));
        this.port = port;
    }

    void check(String host, String origin) {
        if (host == null || !allowed(host)) {
            throw ApiException.forbidden("this server answers only to its own address (Host " + shown(host) + ")");
        }
        if (origin != null && !allowedOrigin(origin)) {
            throw ApiException.forbidden("requests from other sites are refused (Origin " + shown(origin) + ")");
        }
    }

    private boolean allowedOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return "http".equals(uri.getScheme()) && uri.getRawAuthority() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && allowed(uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether {@code authority} (name[:port]) names this server. */
    private boolean allowed(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        boolean hasPort = colon > lower.lastIndexOf(']');
        String name = hasPort ? lower.substring(0, colon) : lower;
        String portText = hasPort ? lower.substring(colon + 1) : "80";
        return portText.equals(Integer.toString(port.getAsInt())) && allowedName(name);
    }

    private boolean allowedName(String name) {
        if (name.equals(boundHost)) return true;
        if (isLoopback(boundHost)) return LOOPBACK_NAMES.contains(name);
        if (isWildcard(boundHost)) return name.equals("localhost") || IP_LITERAL.matcher(name).matches();
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.startsWith("127.");
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]");
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String shown(String header) {
        if (header == null) return "missing";
        return header.length() > 80 ? header.substring(0, 80) + "…" : header;
    }
}
