package io.pbxhub.testsupport.esl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The SIP registrations of the simulated switch's internal profile, keyed by {@code extension@domain}. */
final class Registrations {

    /** How long a registration lasts (the usual FusionPBX phone setting). */
    static final int EXPIRES_SECONDS = 3600;

    private final Map<String, Registration> byUser = new ConcurrentHashMap<>();

    Registration add(Registration registration) {
        byUser.put(key(registration.extension(), registration.domain()), registration);
        return registration;
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

    private static String key(String extension, String domain) {
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
