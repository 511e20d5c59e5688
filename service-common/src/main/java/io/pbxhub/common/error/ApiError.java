package io.pbxhub.common.error;

import java.time.Instant;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error body every service and the gateway return: {@code {"status":"error","message":…,"timestamp":…}}. */
public record ApiError(String status, String message, Instant timestamp) {

    public static ApiError of(String message) {
        return new ApiError("error", message, Instant.now());
    }

    public static Response response(int httpStatus, String message) {
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON_TYPE).entity(of(message)).build();
    }
}
