package io.pbxhub.instance.connection;

/** The four states of the instance list, named as operators know them, plus "not checked yet". */
public enum ConnectionStatus {

    CONNECTED("Connected"),
    ESL_DOWN("Database OK, ESL Down"),
    DATABASE_DOWN("ESL OK, Database Down"),
    DISCONNECTED("Disconnected"),
    UNKNOWN("Not checked yet");

    private final String label;

    ConnectionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ConnectionStatus of(boolean databaseOk, boolean eslOk) {
        if (databaseOk && eslOk) {
            return CONNECTED;
        }
        if (databaseOk) {
            return ESL_DOWN;
        }
        return eslOk ? DATABASE_DOWN : DISCONNECTED;
    }
}
