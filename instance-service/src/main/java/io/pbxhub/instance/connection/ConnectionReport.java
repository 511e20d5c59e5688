package io.pbxhub.instance.connection;

/** The result of testing both connections of an instance. */
public record ConnectionReport(ConnectionStatus status, String statusText, ProbeResult database, ProbeResult esl) {

    static ConnectionReport of(ProbeResult database, ProbeResult esl) {
        ConnectionStatus status = ConnectionStatus.of(database.ok(), esl.ok());
        return new ConnectionReport(status, status.label(), database, esl);
    }
}
