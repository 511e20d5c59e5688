package io.pbxhub.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A realistic record of every topic type, fully populated and minimal (every optional field null). Call values are
 * taken from a real FreeSWITCH capture (danbarua/NEventSocket, test fixture Example1.txt, MPL-2.0) so the samples
 * look like what esl-ingest-service will really see. The switches have no default: a new {@link EventType} does not
 * compile until it has samples here.
 */
final class Samples {

    static final UUID INSTANCE = UUID.fromString("0b6c1f9e-5d0a-4c1e-9a43-2f7f3f0c8e11");
    static final String CORE_UUID = "8694f653-55e0-42ed-98d8-4983e2b6d248";
    static final String A_LEG = "78b86350-4fb8-4d2b-a629-1eeafd7d2f74";
    static final String B_LEG = "9bc34cb7-1d0a-4c89-8d47-9dc25faa160f";
    static final Instant CREATED = Instant.parse("2015-01-06T15:12:37.855728Z");
    static final Instant ANSWERED = Instant.parse("2015-01-06T15:12:38.395366Z");
    static final Instant HUNG_UP = Instant.parse("2015-01-06T15:12:48.954963Z");

    private Samples() {
    }

    static Record full(EventType type) {
        return switch (type) {
            case INSTANCE_EVENT -> new InstanceEvent(INSTANCE, InstanceEvent.Change.UPDATED, 3, "acme",
                    "Acme Sydney", "pbx1.acme.example", InstanceEvent.PbxType.FUSIONPBX, "10.20.0.5", 8021,
                    "postgresql", "10.20.0.6", 5432, "fusionpbx", Instant.parse("2026-01-29T09:30:00.123Z"));
            case INSTANCE_STATUS -> new InstanceStatus(INSTANCE, InstanceStatus.Reachability.DOWN,
                    InstanceStatus.Reachability.UP,
                    "FATAL: password authentication failed for user \"fusionpbx\"", "instance-service",
                    Instant.parse("2026-01-29T09:31:00Z"));
            case CALL_EVENT -> new CallEvent(A_LEG, A_LEG, INSTANCE, "acme", CallEvent.State.BRIDGED,
                    Direction.INBOUND, "1001", "Dan X-Lite", "1003", "Zoë Müller ☎", "dan-win8-dev.home", B_LEG,
                    "NORMAL_CLEARING", CORE_UUID, 5856, ANSWERED);
            case PRESENCE -> new PresenceEvent(INSTANCE, "acme", "1001", "dan-win8-dev.home",
                    PresenceEvent.State.BUSY, A_LEG, ANSWERED);
            case CDR_RAW -> new RawCdr(A_LEG, INSTANCE, "acme", RawCdr.Source.ESL, RawCdr.Leg.A, Direction.INBOUND,
                    "Dan X-Lite", "1001", "3", "dan-win8-dev.home", "1001", CREATED, ANSWERED, HUNG_UP, 11, 10,
                    "NORMAL_CLEARING", 16, B_LEG, A_LEG, CORE_UUID, 5864L);
            case CDR_RATED -> new RatedCdr(A_LEG, INSTANCE, "acme", "ACC-1042", Direction.OUTBOUND, "1300123456", 95,
                    120, "SPECIAL_RATE", "1300", new BigDecimal("0.2500"), "AUD",
                    Instant.parse("2026-01-29T09:35:12.5Z"));
            case SYNC_REQUEST -> new SyncRequest(UUID.fromString("5d1c0c0e-8a9b-4b8e-b1f1-0e6a3c2d4f10"), INSTANCE,
                    SyncRequest.Kind.SINGLE, "c2a4f3d6-1b7e-4d52-9f0a-8e3b6c1d2e4f", "ops@acme.example",
                    Instant.parse("2026-01-29T10:00:00Z"));
            case SYNC_RESULT -> new SyncResult(UUID.fromString("e7d9a0b2-3c4f-4a1b-8d2e-6f5a4b3c2d1e"),
                    UUID.fromString("5d1c0c0e-8a9b-4b8e-b1f1-0e6a3c2d4f10"), INSTANCE, SyncRequest.Kind.FULL,
                    SyncResult.Outcome.PARTIAL, 12, 3, 1, 2,
                    List.of(new SyncResult.ItemError("1005", "cloud API answered 409: MSISDN already in use"),
                            new SyncResult.ItemError("1010", "extension has no user name")),
                    Instant.parse("2026-01-29T10:00:41.007Z"));
            case BILLING_ALERT -> new BillingAlert(BillingAlert.AlertType.USAGE_ABOVE_THRESHOLD, "1042",
                    new BigDecimal("100.00"), new BigDecimal("-3.150000"), new BigDecimal("100.350000"), "2026-01",
                    new BigDecimal("0.350000"), "AUD", INSTANCE, A_LEG, Instant.parse("2026-01-29T09:35:13.1Z"));
        };
    }

    static Record minimal(EventType type) {
        return switch (type) {
            case INSTANCE_EVENT -> new InstanceEvent(INSTANCE, InstanceEvent.Change.DELETED, 0, null, "3CX Perth",
                    "3cx.perth.example", InstanceEvent.PbxType.PBX3CX, null, null, null, null, null, null,
                    Instant.parse("2026-01-29T09:30:00Z"));
            case INSTANCE_STATUS -> new InstanceStatus(INSTANCE, InstanceStatus.Reachability.UNKNOWN,
                    InstanceStatus.Reachability.UP, null, "esl-ingest-service", Instant.parse("2026-01-29T09:31:00Z"));
            case CALL_EVENT -> new CallEvent(A_LEG, A_LEG, INSTANCE, null, CallEvent.State.RINGING, null, null, null,
                    null, null, null, null, null, CORE_UUID, 0, CREATED);
            case PRESENCE -> new PresenceEvent(INSTANCE, null, "1001", "dan-win8-dev.home",
                    PresenceEvent.State.UNREGISTERED, null, HUNG_UP);
            // A 3CX call id is not a UUID, and an unanswered leg has no answer time and 0 billsec.
            case CDR_RAW -> new RawCdr("00000C6A3F1B", INSTANCE, null, RawCdr.Source.PBX3CX, RawCdr.Leg.B, null, null,
                    null, null, null, null, CREATED, null, HUNG_UP, 11, 0, null, null, null, null, null, null);
            case CDR_RATED -> new RatedCdr("00000C6A3F1B", INSTANCE, null, null, null, null, 0, 0, null, null,
                    BigDecimal.ZERO, "AUD", Instant.parse("2026-01-29T09:35:12Z"));
            case SYNC_REQUEST -> new SyncRequest(UUID.fromString("5d1c0c0e-8a9b-4b8e-b1f1-0e6a3c2d4f10"), INSTANCE,
                    SyncRequest.Kind.FULL, null, null, Instant.parse("2026-01-29T10:00:00Z"));
            case SYNC_RESULT -> new SyncResult(UUID.fromString("e7d9a0b2-3c4f-4a1b-8d2e-6f5a4b3c2d1e"), null, INSTANCE,
                    SyncRequest.Kind.COMPARE, SyncResult.Outcome.SUCCEEDED, 0, 0, 0, 0, null,
                    Instant.parse("2026-01-29T10:00:41Z"));
            case BILLING_ALERT -> new BillingAlert(BillingAlert.AlertType.BALANCE_BELOW_THRESHOLD, "1042",
                    new BigDecimal("0.50"), new BigDecimal("0.30"), null, null, new BigDecimal("0.35"), null, null,
                    null, Instant.parse("2026-01-29T09:35:13Z"));
        };
    }
}
