package io.pbxhub.esl.instance;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.pbxhub.esl.connection.EslConnectionManager;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Ownership of ESL connections follows the {@code instance-events} partitions. A replica that gets a partition reads
 * it from the beginning (the topic is compacted, so that is the current state of every instance on it) and opens their
 * connections; a replica that loses one closes them, since another replica now holds them.
 */
@ApplicationScoped
@Identifier(InstancePartitionsListener.NAME)
public class InstancePartitionsListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "instance-events-partitions";

    private static final Logger LOG = Logger.getLogger(InstancePartitionsListener.class);

    private final EslConnectionManager connections;

    public InstancePartitionsListener(EslConnectionManager connections) {
        this.connections = connections;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("instance-events partitions assigned: %s; replaying them from the beginning", partitions);
        consumer.seekToBeginning(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions);
    }

    private void release(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
        connections.release(numbers);
    }
}
