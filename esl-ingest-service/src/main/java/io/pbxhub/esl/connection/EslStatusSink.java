package io.pbxhub.esl.connection;

/** Takes the ESL reachability changes of every connection; must not block. */
public interface EslStatusSink {

    void up(EslInstance instance);

    void down(EslInstance instance, String reason);
}
