package io.pbxhub.esl.connection;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Where a connection gets the ESL password, asked again before every connection attempt so a password changed in
 * instance-service is picked up by the next reconnect. Fails with {@link InstanceGoneException} when the instance no
 * longer exists.
 */
public interface EslPasswordSource {

    CompletionStage<String> password(UUID instanceId);
}
