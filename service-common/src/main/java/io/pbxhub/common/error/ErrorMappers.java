package io.pbxhub.common.error;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Maps every exception a resource can throw to the standard error body, so no stack trace or HTML reaches a client. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final PropertyNamingStrategy naming;

    public ErrorMappers(ObjectMapper mapper) {
        this.naming = mapper.getPropertyNamingStrategy();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ApiError.response(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream().map(v -> jsonName(fieldName(v)) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ApiError.response(400, message);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return ApiError.response(400, "invalid JSON" + location(e) + ": " + e.getOriginalMessage());
    }

    /** Quarkus maps this subtype itself (with its own body); ours must be as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response r = e.getResponse();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return badJson(json);
        }
        String message = e.getMessage() == null ? r.getStatusInfo().getReasonPhrase() : e.getMessage();
        return ApiError.response(r.getStatus(), message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unhandled error", e);
        return ApiError.response(500, "internal error");
    }

    private static String location(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return " at " + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "";
    }

    /** The name the client used: the API's JSON naming (snake_case) applied to the Java property name. */
    private String jsonName(String javaName) {
        return naming == null ? javaName : naming.nameForField(null, null, javaName);
    }

    /** The request field a violation is about: the last node of its path, not the Java method and parameter. */
    private static String fieldName(ConstraintViolation<?> v) {
        String name = null;
        for (Path.Node node : v.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "request" : name;
    }
}
