package io.pbxhub.billing.rating;

import java.util.Optional;

/**
 * Longest-prefix lookup over decimal digit strings: one step per digit of the number, whatever the number of prefixes,
 * so a deck of 100k prefixes rates as fast as a deck of ten. Built once and then only read, so it is safe to share
 * between threads after construction.
 */
final class PrefixTrie<V> {

    private final Node<V> root = new Node<>();
    private int size;

    /** Stores {@code value} under {@code prefix} (digits only), replacing what was there. */
    void put(String prefix, V value) {
        if (!Destinations.isDigits(prefix)) {
            throw new IllegalArgumentException("prefix must be digits: " + prefix);
        }
        Node<V> node = root;
        for (int i = 0; i < prefix.length(); i++) {
            node = node.child(prefix.charAt(i) - '0', true);
        }
        if (node.value == null) {
            size++;
        }
        node.value = value;
    }

    /** The value of the longest stored prefix of {@code digits}, if any. */
    Optional<V> longestMatch(String digits) {
        V best = null;
        Node<V> node = root;
        for (int i = 0; i < digits.length() && node != null; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            node = node.child(c - '0', false);
            if (node != null && node.value != null) {
                best = node.value;
            }
        }
        return Optional.ofNullable(best);
    }

    int size() {
        return size;
    }

    private static final class Node<V> {

        private Node<V>[] children;
        private V value;

        @SuppressWarnings("unchecked")
        Node<V> child(int digit, boolean create) {
            if (children == null) {
                if (!create) {
                    return null;
                }
                children = (Node<V>[]) new Node[10];
            }
            Node<V> child = children[digit];
            if (child == null && create) {
                child = new Node<>();
                children[digit] = child;
            }
            return child;
        }
    }
}
