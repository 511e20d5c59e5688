package io.pbxhub.instance.connection;

/**
 * Everything a probe needs to reach one PBX, secrets in clear: built just before a probe runs, never stored or logged.
 */
public record ProbeTarget(
        String dbType,
        String dbHost,
        int dbPort,
        String dbName,
        String dbUsername,
        String dbPassword,
        String eslHost,
        int eslPort,
        String eslPassword) {

    @Override
    public String toString() {
        return "ProbeTarget[db=" + dbType + "://" + dbHost + ":" + dbPort + "/" + dbName + ", esl=" + eslHost + ":"
                + eslPort + "]";
    }
}
