package io.pbxhub.instance.connection;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import io.pbxhub.instance.connection.ProbeResult.Outcome;

/** Classifies a network failure anywhere in an exception's cause chain. */
final class NetworkFailures {

    private NetworkFailures() {
    }

    /** The outcome for a network-level failure, or null if the chain holds none. */
    static Outcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Outcome.UNREACHABLE;
            }
            if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
                return Outcome.UNREACHABLE;
            }
            if (t instanceof ConnectException) {
                return String.valueOf(t.getMessage()).contains("timed out") ? Outcome.TIMEOUT : Outcome.REFUSED;
            }
            if (t instanceof SocketTimeoutException) {
                return Outcome.TIMEOUT;
            }
        }
        return null;
    }

    static String describe(Outcome outcome, String host, int port) {
        return switch (outcome) {
            case UNREACHABLE -> "host " + host + " cannot be reached (unknown host or no route): check DNS and routing";
            case REFUSED -> "connection to " + host + ":" + port
                    + " refused: is the service running and the port open in the firewall?";
            case TIMEOUT -> "no answer from " + host + ":" + port + " in time: check firewall rules and load";
            default -> outcome.name();
        };
    }
}
