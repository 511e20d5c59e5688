package io.pbxhub.esl.instance;

import io.pbxhub.contracts.InstanceEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON of {@code instance-events} records. */
public class InstanceEventDeserializer extends ObjectMapperDeserializer<InstanceEvent> {

    public InstanceEventDeserializer() {
        super(InstanceEvent.class);
    }
}
