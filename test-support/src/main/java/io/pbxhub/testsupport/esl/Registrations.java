package io.pbxhub.testsupport.esl;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user directory of the simulated switch and the SIP registrations of its internal profile, both keyed by
 * {@code extension@domain}. A phone can only register as a directory user, so registering adds the user.
 */
final class Registrations {

    /** How long a registration lasts (the usual FusionPBX phone setting). */
    static final int EXPIRES_SECONDS = 3600;

    private final Map<String, Registration> byUser = new ConcurrentHashMap<>();
    /** Directory users in the order they were added (what {@code list_users} prints). */
    private final Set<String> directory = Collections.synchronizedSet(new LinkedHashSet<>());

    Registration add(Registration registration) {
        addUser(registration.extension(), registration.domain());
        byUser.put(key(registration.extension(), registration.domain()), registration);
        return registration;
    }

    void addUser(String extension, String domain) {
        directory.add(key(extension, domain));
    }

    /** The directory's users as {@code extension@domain}, in the order they were added. */
    List<String> users() {
        synchronized (directory) {
            return List.copyOf(directory);
        }
    }

    Optional<Registration> remove(String extension, String domain) {
        return Optional.ofNullable(byUser.remove(key(extension, domain)));
    }

    Optional<Registration> find(String extension, String domain) {
        return Optional.ofNullable(byUser.get(key(extension, domain)));
    }

    /** Oldest first, as the switch's database returns them. */
    List<Registration> all() {
        return byUser.values().stream()
                .sorted((a, b) -> Long.compare(a.registeredMicros(), b.registeredMicros())).toList();
    }

    static String key(String extension, String domain) {
        return extension + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** One registered phone. */
    record Registration(String extension, String domain, String ip, int port, String userAgent, String callId,
            long registeredMicros) {

        long expiresEpochSeconds() {
            return registeredMicros / 1_000_000 + EXPIRES_SECONDS;
        }

        String contact() {
            return "\"" + extension + "\" <sip:" + extension + "@" + ip + ":" + port + ">";
        }
    }
}
