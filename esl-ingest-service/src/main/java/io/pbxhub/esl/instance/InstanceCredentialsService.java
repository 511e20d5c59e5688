package io.pbxhub.esl.instance;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.pbxhub.esl.connection.EslPasswordSource;

/** Gives connections the ESL password of an instance, fetched from instance-service each time it is needed. */
@ApplicationScoped
public class InstanceCredentialsService implements EslPasswordSource {

    private final InstanceCredentialsClient client;

    public InstanceCredentialsService(@RestClient InstanceCredentialsClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<String> password(UUID instanceId) {
        // Not cached: a password rotated in instance-service must be used by the very next reconnect.
        return client.credentials(instanceId).map(InstanceCredentials::eslPassword).subscribeAsCompletionStage();
    }
}
