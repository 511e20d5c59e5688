package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one Kafka producer every topic of the service sends through. {@code send} only hands the record to one sending
 * thread, because {@link Producer#send} can block (waiting for a topic's metadata, or for buffer space) and it is
 * called on the ESL event loops. The callback runs on the producer's I/O thread.
 * <p>
 * On an event loop the records of one task (one socket read: a few events, each making two or three records) are
 * handed over together once the task is done, so that the sending thread is woken once per read instead of once per
 * record. Records keep their order per event loop, and so per ESL connection.
 */
public final class TopicProducer implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pbxhub-kafka-send");
        t.setDaemon(true);
        return t;
    });
    /** The records of the running event loop task, handed over when it is done. */
    private final ThreadLocal<List<Outgoing>> held = ThreadLocal.withInitial(ArrayList::new);

    private record Outgoing(ProducerRecord<String, byte[]> record, Callback done) {
    }

    public TopicProducer(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** {@code done} gets the outcome: the record's metadata, or the error when it was not sent or not acknowledged. */
    public void send(ProducerRecord<String, byte[]> record, Callback done) {
        Outgoing outgoing = new Outgoing(record, done);
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            handOver(List.of(outgoing));
            return;
        }
        List<Outgoing> records = held.get();
        if (records.isEmpty()) {
            // runs after the current task (the socket read being handled), on this same thread
            context.runOnContext(v -> handOver(takeHeld()));
        }
        records.add(outgoing);
    }

    private List<Outgoing> takeHeld() {
        List<Outgoing> records = held.get();
        if (records.isEmpty()) {
            return List.of();
        }
        held.set(new ArrayList<>(records.size()));
        return records;
    }

    private void handOver(List<Outgoing> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            sending.execute(() -> {
                for (Outgoing o : records) {
                    try {
                        producer.send(o.record(), o.done());
                    } catch (RuntimeException e) {
                        o.done().onCompletion(null, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            records.forEach(o -> o.done().onCompletion(null, e));
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
