package io.pbxhub.esl.connection;

import io.pbxhub.esl.protocol.EslEvent;

/** Takes the new events of every connection; called on the connection's event loop, so it must not block. */
public interface EslEventSink {

    void accept(EslInstance instance, EslEvent event);
}
