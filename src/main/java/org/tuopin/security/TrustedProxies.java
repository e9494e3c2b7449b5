package org.tuopin.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The proxies whose {@code Forwarded} (RFC 7239), {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * ({@code tuopin.security.trusted-proxies}: addresses or CIDR ranges, IPv4 or IPv6, comma-separated; empty by
 * default). A Tomcat valve in front of everything rewrites the request itself: the client address becomes the
 * right-most address of the chain that is not a trusted proxy, and the scheme the one that proxy was reached with,
 * so that sign-in throttling, the audit trail's client address and the session cookie's {@code Secure} flag all see
 * the truth. From any other peer the headers are ignored: a client cannot choose its own address
 * (docs/design-decisions/DD022). Tomcat's own RemoteIpValve takes regular expressions, not ranges.
 */
@Configuration
class TrustedProxies {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> trustedProxyValve(
            @Value("${tuopin.security.trusted-proxies:}") String trustedProxies) {
        List<IpAddressMatcher> trusted = parse(trustedProxies);
        return factory -> {
            if (!trusted.isEmpty()) {
                factory.addEngineValves(new ForwardedValve(trusted));
            }
        };
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*");

    /** The setting as matchers; anything but an address or a range stops the start with a message that says so. */
    static List<IpAddressMatcher> parse(String setting) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String range = entry.strip();
            if (range.isEmpty()) {
                continue;
            }
            String address = range.contains("/") ? range.substring(0, range.indexOf('/')) : range;
            String bits = range.contains("/") ? range.substring(range.indexOf('/') + 1) : "0";
            if (!isAddress(address) || !bits.matches("\\d{1,3}")
                    || Integer.parseInt(bits) > (address.contains(":") ? 128 : 32)) {
                throw new IllegalArgumentException("tuopin.security.trusted-proxies: '" + range
                        + "' is not an IPv4 or IPv6 address or CIDR range (such as 10.0.0.5, 10.0.0.0/8, fd00::/8)");
            }
            matchers.add(new IpAddressMatcher(range));
        }
        return List.copyOf(matchers);
    }

    /** A literal address only: a host name in a header must never cause a DNS lookup. */
    static boolean isAddress(@Nullable String value) {
        if (value == null) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            // 999.1.1.1 is no literal, and a resolver would look it up as a name
            return Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return IPV6.matcher(value).matches() && value.length() <= 45;
    }

    /** One hop of the forwarding chain: the address a proxy received the request from, and over which scheme. */
    record Hop(@Nullable String address, @Nullable String proto) {
    }

    /**
     * The client as seen through trusted proxies: walking the chain from its right end (the hop nearest to us), the
     * first address that is not a trusted proxy. A hop that is not a literal address (obfuscated, "unknown",
     * garbage) ends the walk: the proxy that wrote it is then the last peer known for sure.
     */
    static Hop client(String peer, List<Hop> chain, List<IpAddressMatcher> trusted) {
        Hop current = new Hop(peer, null);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!isTrusted(current.address(), trusted)) {
                break;
            }
            Hop hop = chain.get(i);
            if (!isAddress(hop.address())) {
                break;
            }
            // the proxy's own record says which scheme it was reached with
            current = new Hop(hop.address(), hop.proto() != null ? hop.proto() : current.proto());
        }
        return current;
    }

    static boolean isTrusted(@Nullable String address, List<IpAddressMatcher> trusted) {
        if (!isAddress(address)) {
            return false;
        }
        try {
            for (IpAddressMatcher matcher : trusted) {
                if (matcher.matches(address)) {
                    return true;
                }
            }
        } catch (IllegalArgumentException notAnAddress) {
            // "1:2" and the like: shaped like IPv6, but no address
        }
        return false;
    }

    /** The chain from {@code Forwarded} if the request has one, else from {@code X-Forwarded-For}/{@code -Proto}. */
    static List<Hop> chain(List<String> forwarded, List<String> forwardedFor, List<String> forwardedProto) {
        List<Hop> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String element : String.join(",", forwarded).split(",")) {
                String address = null;
                String proto = null;
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).strip());
                    if (key.equals("for")) {
                        address = node(value);
                    } else if (key.equals("proto")) {
                        proto = value.toLowerCase(Locale.ROOT);
                    }
                }
                hops.add(new Hop(address, proto));
            }
            return hops;
        }
        List<String> addresses = values(forwardedFor);
        List<String> protos = values(forwardedProto);
        for (int i = 0; i < addresses.size(); i++) {
            String proto = null;
            if (protos.size() == addresses.size()) {
                proto = protos.get(i);
            } else if (i == addresses.size() - 1 && !protos.isEmpty()) {
                proto = protos.getLast(); // one value: what the nearest proxy was reached with
            }
            hops.add(new Hop(node(addresses.get(i)), proto == null ? null : proto.toLowerCase(Locale.ROOT)));
        }
        return hops;
    }

    private static List<String> values(List<String> headers) {
        return headers.stream().flatMap(h -> Arrays.stream(h.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** "[2001:db8::1]:4711" → "2001:db8::1", "192.0.2.1:80" → "192.0.2.1"; anything else as it is. */
    private static String node(String value) {
        if (value.startsWith("[") && value.indexOf(']') > 0) {
            return value.substring(1, value.indexOf(']'));
        }
        if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            return value.substring(0, value.indexOf(':'));
        }
        return value;
    }

    /** Rewrites the request while it passes through, and puts the peer's own values back afterwards. */
    static final class ForwardedValve extends ValveBase {

        private final List<IpAddressMatcher> trusted;

        ForwardedValve(List<IpAddressMatcher> trusted) {
            super(true);
            this.trusted = trusted;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            String peer = request.getRemoteAddr();
            if (!isTrusted(peer, trusted)) {
                getNext().invoke(request, response);
                return;
            }
            List<Hop> chain = chain(headers(request, "Forwarded"), headers(request, "X-Forwarded-For"),
                    headers(request, "X-Forwarded-Proto"));
            Hop client = client(peer, chain, trusted);
            String remoteHost = request.getRemoteHost();
            boolean secure = request.isSecure();
            String scheme = request.getScheme();
            int serverPort = request.getServerPort();
            try {
                request.setRemoteAddr(client.address());
                request.setRemoteHost(client.address());
                if ("https".equals(client.proto()) || "http".equals(client.proto())) {
                    boolean https = "https".equals(client.proto());
                    request.setSecure(https);
                    request.getCoyoteRequest().scheme().setString(client.proto());
                    String host = request.getHeader("Host");
                    boolean explicitPort = host != null && host.lastIndexOf(':') > host.lastIndexOf(']');
                    if (!explicitPort) {
                        request.setServerPort(https ? 443 : 80);
                    }
                }
                getNext().invoke(request, response);
            } finally {
                request.setRemoteAddr(peer);
                request.setRemoteHost(remoteHost);
                request.setSecure(secure);
                request.getCoyoteRequest().scheme().setString(scheme);
                request.setServerPort(serverPort);
            }
        }

        private static List<String> headers(Request request, String name) {
            return Collections.list(request.getHeaders(name));
        }
    }
}
