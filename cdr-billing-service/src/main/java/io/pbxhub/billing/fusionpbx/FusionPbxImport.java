package io.pbxhub.billing.fusionpbx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.billing.cdr.IngestOutcome;
import io.pbxhub.billing.instance.BillingInstance;
import io.pbxhub.billing.instance.BillingInstances;
import io.pbxhub.billing.instance.InstanceCredentials;
import io.pbxhub.billing.instance.InstanceCredentialsClient;
import io.pbxhub.billing.intake.CdrFailure;
import io.pbxhub.billing.intake.CdrFailures;
import io.pbxhub.billing.intake.CdrPipeline;
import io.pbxhub.billing.intake.CdrSource;
import io.pbxhub.billing.intake.RejectedCdrException;
import io.pbxhub.contracts.RawCdr;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Imports new {@code v_xml_cdr} rows of every FusionPBX instance billing knows, through the same rating and storing
 * path as {@code cdr-raw} (natural key instance + {@code xml_cdr_uuid}, so a call seen by esl-ingest too is stored
 * once).
 * <p>
 * Watermark: {@code insert_date}, the time FusionPBX wrote the row, not {@code start_stamp}. CDRs are written at hangup
 * and FusionPBX may import its spool late (after an outage), so a row can start long before rows already read; its
 * {@code insert_date} is still new. The one way a row can appear behind the watermark is a concurrent insert that
 * committed after a later row was read; each run therefore starts {@link FusionPbxConfig#overlap()} before the
 * watermark and the idempotent insert drops what was stored already. Rows without {@code insert_date} are not read.
 * <p>
 * One instance failing (database down, credentials refused) is logged, counted
 * ({@code pbxhub.billing.fusionpbx.import.failures}) and kept in its import state with its watermark unchanged; the
 * others go on.
 */
@ApplicationScoped
public class FusionPbxImport {

    private static final Logger LOG = Logger.getLogger(FusionPbxImport.class);

    private final BillingInstances instances;
    private final InstanceCredentialsClient credentials;
    private final CdrPipeline pipeline;
    private final CdrFailures failures;
    private final FusionPbxConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final ReentrantLock running = new ReentrantLock();

    public FusionPbxImport(BillingInstances instances, @RestClient InstanceCredentialsClient credentials,
            CdrPipeline pipeline, CdrFailures failures, FusionPbxConfig config, MeterRegistry metrics,
            ObjectMapper json) {
        this.instances = instances;
        this.credentials = credentials;
        this.pipeline = pipeline;
        this.failures = failures;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    @Scheduled(identity = "fusionpbx-cdr-import", every = "${pbxhub.billing.fusionpbx.import-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (running.tryLock()) {
            try {
                importEach();
            } finally {
                running.unlock();
            }
        }
    }

    /** One run over all instances, waiting for a run in progress to finish first; what each instance imported. */
    public List<InstanceRun> importAll() {
        running.lock();
        try {
            return importEach();
        } finally {
            running.unlock();
        }
    }

    private List<InstanceRun> importEach() {
        List<InstanceRun> runs = new ArrayList<>();
        for (BillingInstance instance : instances.fusionPbxWithDatabase()) {
            runs.add(importInstance(instance));
        }
        return runs;
    }

    private InstanceRun importInstance(BillingInstance instance) {
        FusionPbxImportState state = state(instance);
        Instant watermark = state.insertDateWatermark;
        int stored = 0;
        int rejected = 0;
        try {
            InstanceCredentials secret = credentials.credentials(instance.id);
            try (XmlCdrReader reader = XmlCdrReader.open(instance, secret, config)) {
                Instant cursorDate = watermark == null ? Instant.EPOCH : watermark.minus(config.overlap());
                UUID cursorUuid = XmlCdrReader.LOWEST_UUID;
                for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
                    List<XmlCdrRow> rows = reader.after(cursorDate, cursorUuid, config.batchSize());
                    if (rows.isEmpty()) {
                        break;
                    }
                    int[] counts = store(instance, rows);
                    stored += counts[0];
                    rejected += counts[1];
                    XmlCdrRow last = rows.get(rows.size() - 1);
                    cursorDate = last.insertDate();
                    cursorUuid = last.xmlCdrUuid();
                    if (watermark == null || last.insertDate().isAfter(watermark)) {
                        watermark = last.insertDate();
                    }
                    saveProgress(instance.id, watermark, counts[0]);
                    if (rows.size() < config.batchSize()) {
                        break;
                    }
                }
            }
            saveSuccess(instance.id);
            return new InstanceRun(instance.id, stored, rejected, null);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            // Never the credentials: the message of a failed connect or HTTP call names host and status only.
            LOG.errorf("v_xml_cdr import of instance %s (%s:%s/%s) failed, will retry next run: %s", instance.id,
                    instance.dbHost, instance.dbPort, instance.dbName, reason);
            metrics.counter("pbxhub.billing.fusionpbx.import.failures", "instance", instance.id.toString())
                    .increment();
            saveError(instance.id, reason);
            return new InstanceRun(instance.id, stored, rejected, reason);
        }
    }

    /** Maps and stores one batch; returns {stored, rejected}. */
    private int[] store(BillingInstance instance, List<XmlCdrRow> rows) {
        List<RawCdr> cdrs = new ArrayList<>(rows.size());
        List<XmlCdrRow> mapped = new ArrayList<>(rows.size());
        int rejected = 0;
        for (XmlCdrRow row : rows) {
            try {
                cdrs.add(XmlCdrMapper.map(instance, row));
                mapped.add(row);
            } catch (RejectedCdrException e) {
                refuse(instance, row, e.getMessage());
                rejected++;
            }
        }
        int stored = 0;
        List<CdrPipeline.Result> results = pipeline.ingest(CdrSource.FUSIONPBX, cdrs);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).isRejected()) {
                refuse(instance, mapped.get(i), results.get(i).rejection());
                rejected++;
            } else if (results.get(i).outcome() == IngestOutcome.STORED) {
                stored++;
            }
        }
        metrics.counter("pbxhub.billing.fusionpbx.import.rows", "instance", instance.id.toString())
                .increment(rows.size());
        return new int[]{stored, rejected};
    }

    private void refuse(BillingInstance instance, XmlCdrRow row, String reason) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            payload = row.toString().getBytes(StandardCharsets.UTF_8);
        }
        failures.record(CdrFailure.of(CdrSource.FUSIONPBX, instance.id, row.xmlCdrUuid().toString(), reason,
                payload));
    }

    private FusionPbxImportState state(BillingInstance instance) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FusionPbxImportState state = FusionPbxImportState.findById(instance.id);
            if (state == null) {
                state = new FusionPbxImportState();
                state.instanceId = instance.id;
                state.persist();
            }
            return state;
        });
    }

    @Transactional
    public FusionPbxImportState stateOf(UUID instanceId) {
        return FusionPbxImportState.findById(instanceId);
    }

    private void saveProgress(UUID instanceId, Instant watermark, int stored) {
        QuarkusTransaction.requiringNew().run(() -> {
            FusionPbxImportState state = FusionPbxImportState.findById(instanceId);
            state.insertDateWatermark = watermark;
            state.imported += stored;
        });
    }

    private void saveSuccess(UUID instanceId) {
        QuarkusTransaction.requiringNew().run(() -> {
            FusionPbxImportState state = FusionPbxImportState.findById(instanceId);
            state.lastSuccessAt = Instant.now();
        });
    }

    private void saveError(UUID instanceId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            FusionPbxImportState state = FusionPbxImportState.findById(instanceId);
            state.lastErrorAt = Instant.now();
            state.lastError = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        });
    }

    /** What one run did for one instance; {@code error} null when it succeeded. */
    public record InstanceRun(UUID instanceId, int stored, int rejected, String error) {
    }
}
