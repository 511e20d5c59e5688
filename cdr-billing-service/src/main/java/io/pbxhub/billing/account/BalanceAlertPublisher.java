package io.pbxhub.billing.account;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes threshold alerts on {@code billing-alerts}, keyed by account id. event-contracts has no record for this
 * topic yet, so the value is a JSON string (camelCase like every topic record, money as strings) with the CloudEvents
 * attributes in {@code ce_*} headers, type {@value #TYPE}. The event id is derived from the CDR that crossed the
 * threshold, so a consumer can drop a duplicate.
 */
@ApplicationScoped
public class BalanceAlertPublisher {

    public static final String TOPIC = "billing-alerts";
    public static final String TYPE = "io.pbxhub.billing.alert.v1";
    private static final URI SOURCE = URI.create("/cdr-billing-service");
    private static final Logger LOG = Logger.getLogger(BalanceAlertPublisher.class);

    private final Emitter<String> emitter;
    private final ObjectMapper json;

    public BalanceAlertPublisher(@Channel(TOPIC) Emitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) BalanceAlert alert) {
        Balances.Deduction d = alert.deduction();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alertType", "BALANCE_BELOW_THRESHOLD");
        body.put("accountId", String.valueOf(d.accountId()));
        body.put("balance", d.after().toPlainString());
        body.put("threshold", d.threshold().toPlainString());
        body.put("charge", d.charge().toPlainString());
        body.put("instanceId", String.valueOf(alert.instanceId()));
        body.put("cdrUuid", alert.cdrUuid());
        body.put("at", Instant.now().toString());
        String key = String.valueOf(d.accountId());
        try {
            Message<String> message = Message.of(json.writeValueAsString(body))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                    .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                            .withId("alert:" + alert.instanceId() + ":" + alert.cdrUuid()).withSource(SOURCE)
                            .withType(TYPE).withDataContentType("application/json")
                            .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC)).build())
                    .withNack(failure -> {
                        LOG.errorf(failure, "could not publish balance alert of account %s", key);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "could not publish balance alert of account %s", key);
        }
    }
}
