package io.pbxhub.esl.connection;

/** instance-service no longer knows the instance (its credentials endpoint answered 404). */
public class InstanceGoneException extends RuntimeException {

    public InstanceGoneException(String message) {
        super(message);
    }
}
