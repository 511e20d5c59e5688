package io.pbxhub.instance.audit;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes secrets from audited values, at any depth: a property whose name contains password, secret, key or token is
 * dropped, except the {@code *_set} flags that only say whether a secret exists. Dropping by name rather than by a
 * list of known fields means a secret added to a model later is still kept out of the trail.
 */
final class SecretFilter {

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "key", "token");

    private SecretFilter() {
    }

    static JsonNode strip(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecret(e.getKey())) {
                    it.remove();
                } else {
                    strip(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(SecretFilter::strip);
        }
        return node;
    }

    static boolean isSecret(String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        if (lower.endsWith("_set") || property.endsWith("Set")) {
            return false;
        }
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }
}
