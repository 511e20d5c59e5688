package io.pbxhub.esl.connection;

import io.pbxhub.esl.protocol.EslEvent;

/** What a connection reports; called on the connection's event loop, so implementations must not block. */
public interface EslConnectionListener {

    /** Authenticated and subscribed: events flow from now on. */
    void up(EslConnection connection);

    /** A connection attempt failed or an open connection was lost; a reconnect is scheduled. */
    void down(EslConnection connection, String reason);

    /** An event not seen before on this connection (replays filtered by Core-UUID + Event-Sequence). */
    void event(EslConnection connection, EslEvent event);

    /** FreeSWITCH logged that it lost {@code count} events (a listener's queue overflowed). */
    default void lostEvents(EslConnection connection, long count) {
    }

    /** instance-service says the instance is gone; the connection has stopped for good. */
    void gone(EslConnection connection);
}
