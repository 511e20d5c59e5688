package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one Kafka producer every topic of the service sends through. {@code send} only hands the record to one sending
 * thread, because {@link Producer#send} can block (waiting for a topic's metadata, or for buffer space) and it is
 * called on the ESL event loops. The callback runs on the producer's I/O thread.
 */
public final class TopicProducer implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pbxhub-kafka-send");
        t.setDaemon(true);
        return t;
    });

    public TopicProducer(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** {@code done} gets the outcome: the record's metadata, or the error when it was not sent or not acknowledged. */
    public void send(ProducerRecord<String, byte[]> record, Callback done) {
        try {
            sending.execute(() -> {
                try {
                    producer.send(record, done);
                } catch (RuntimeException e) {
                    done.onCompletion(null, e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.onCompletion(null, e);
        }
    }

    /** Sends what is buffered (within {@code timeout}) and stops. */
    public void close(Duration timeout) {
        sending.shutdown();
        try {
            sending.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
