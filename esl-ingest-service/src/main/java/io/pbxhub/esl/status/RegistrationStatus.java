package io.pbxhub.esl.status;

/** Spec 004's registration answer: {@code registered} is "yes"/"no", the rest only when registered. */
public record RegistrationStatus(String status, String message, String extension, String domain, String registered,
        String registerIp, String registerPort, String registerUseragent) {
}
