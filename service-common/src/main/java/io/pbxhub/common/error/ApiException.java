package io.pbxhub.common.error;

/** A failure the client caused or must know about, with the HTTP status it maps to. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, what + " " + id + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
