package io.pbxhub.instance.pbx3cx;

/** A 3CX host name: a DNS name of RFC 1123 labels (63 characters each, 253 in all), such as an FQDN. */
final class HostNames {

    static final String PATTERN = "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";
    static final String MESSAGE = "must be a hostname or FQDN (letters, digits and '-' in dot-separated labels)";

    private HostNames() {
    }
}
