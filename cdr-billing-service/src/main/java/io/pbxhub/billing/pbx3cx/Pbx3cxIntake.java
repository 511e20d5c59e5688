package io.pbxhub.billing.pbx3cx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.billing.cdr.IngestOutcome;
import io.pbxhub.billing.instance.BillingInstance;
import io.pbxhub.billing.instance.BillingInstances;
import io.pbxhub.billing.intake.CdrFailure;
import io.pbxhub.billing.intake.CdrFailures;
import io.pbxhub.billing.intake.CdrPipeline;
import io.pbxhub.billing.intake.CdrSource;
import io.pbxhub.billing.intake.RejectedCdrException;
import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.contracts.RawCdr;

/**
 * 3CX CDRs pushed over REST, stored through the same path as {@code cdr-raw}. The body as a whole must be JSON (one
 * object or an array of at most {@link #MAX_ENTRIES}); each entry is then accepted or rejected on its own, and a
 * rejected one is listed at the failures endpoint too. Only a 3CX host billing knows (from instance-events) may push.
 */
@ApplicationScoped
public class Pbx3cxIntake {

    static final int MAX_ENTRIES = 1000;

    private final ObjectMapper json;
    private final BillingInstances instances;
    private final CdrPipeline pipeline;
    private final CdrFailures failures;

    public Pbx3cxIntake(ObjectMapper json, BillingInstances instances, CdrPipeline pipeline, CdrFailures failures) {
        this.json = json;
        this.instances = instances;
        this.pipeline = pipeline;
        this.failures = failures;
    }

    public Pbx3cxPushResult push(String body) {
        List<JsonNode> entries = entries(body);
        List<Pbx3cxPushResult.Rejection> rejections = new ArrayList<>();
        List<RawCdr> cdrs = new ArrayList<>(entries.size());
        List<Integer> indexes = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            try {
                if (!entry.isObject()) {
                    throw new RejectedCdrException("not a JSON object");
                }
                cdrs.add(Pbx3cxCdrMapper.map(host(entry), entry));
                indexes.add(i);
            } catch (RejectedCdrException e) {
                rejections.add(reject(i, entry, e.getMessage()));
            }
        }
        int accepted = 0;
        int duplicate = 0;
        List<CdrPipeline.Result> results = pipeline.ingest(CdrSource.PBX3CX, cdrs);
        for (int n = 0; n < results.size(); n++) {
            CdrPipeline.Result result = results.get(n);
            if (result.isRejected()) {
                rejections.add(reject(indexes.get(n), entries.get(indexes.get(n)), result.rejection()));
            } else if (result.outcome() == IngestOutcome.DUPLICATE) {
                duplicate++;
            } else {
                accepted++;
            }
        }
        rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new Pbx3cxPushResult(accepted, duplicate, rejections.size(), rejections);
    }

    private List<JsonNode> entries(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body: one 3CX CDR object or an array of them");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body: not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ")");
        }
        if (root != null && root.isObject()) {
            return List.of(root);
        }
        if (root == null || !root.isArray()) {
            throw ApiException.badRequest("body: one 3CX CDR object or an array of them");
        }
        if (root.isEmpty()) {
            throw ApiException.badRequest("body: the array is empty");
        }
        if (root.size() > MAX_ENTRIES) {
            throw ApiException.badRequest("body: at most " + MAX_ENTRIES + " CDRs per request, got " + root.size());
        }
        List<JsonNode> entries = new ArrayList<>(root.size());
        root.forEach(entries::add);
        return entries;
    }

    private BillingInstance host(JsonNode entry) {
        UUID id = Pbx3cxCdrMapper.hostId(entry);
        Optional<BillingInstance> host = instances.find(id);
        if (host.isEmpty() || !host.get().enabled) {
            throw new RejectedCdrException("host_id: no 3CX host " + id + " is known");
        }
        if (!InstanceEvent.PbxType.PBX3CX.name().equals(host.get().pbxType)) {
            throw new RejectedCdrException("host_id: instance " + id + " is not a 3CX host");
        }
        return host.get();
    }

    private Pbx3cxPushResult.Rejection reject(int index, JsonNode entry, String reason) {
        UUID hostId = null;
        String callId = null;
        if (entry.isObject()) {
            try {
                hostId = Pbx3cxCdrMapper.hostId(entry);
            } catch (RejectedCdrException e) {
                // recorded without an instance
            }
            try {
                callId = Pbx3cxCdrMapper.text(entry, "callid");
            } catch (RejectedCdrException e) {
                // recorded without a key
            }
        }
        failures.record(CdrFailure.of(CdrSource.PBX3CX, hostId, callId, reason,
                entry.toString().getBytes(StandardCharsets.UTF_8)));
        return new Pbx3cxPushResult.Rejection(index, callId, reason);
    }
}
