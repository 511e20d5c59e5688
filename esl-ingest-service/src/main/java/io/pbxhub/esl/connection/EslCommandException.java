package io.pbxhub.esl.connection;

/** An ESL command got no reply: the connection is not up, went down, is too busy, or the PBX did not answer. */
public class EslCommandException extends RuntimeException {

    public EslCommandException(String message) {
        super(message);
    }

    public EslCommandException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
