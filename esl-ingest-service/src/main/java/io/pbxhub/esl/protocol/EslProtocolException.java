package io.pbxhub.esl.protocol;

/**
 * The bytes from FreeSWITCH cannot be framed (bad Content-Length, binary garbage, a truncated frame). The stream is
 * then
 * out of step for good, so the connection must be closed and opened again.
 */
public class EslProtocolException extends RuntimeException {

    public EslProtocolException(String message) {
        super(message);
    }

    public EslProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
