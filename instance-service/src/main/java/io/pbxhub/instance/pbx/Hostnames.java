package io.pbxhub.instance.pbx;

/** What the API accepts as a host: a DNS name (RFC 1123 labels), an IPv4 address or a bracket-less IPv6 address. */
final class Hostnames {

    static final String PATTERN = "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
            + "|[0-9A-Fa-f:.]{2,45}";
    static final String MESSAGE = "must be a hostname or an IP address";

    private Hostnames() {
    }
}
