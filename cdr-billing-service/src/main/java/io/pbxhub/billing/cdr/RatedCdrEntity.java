package io.pbxhub.billing.cdr;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code rated_cdr}, for reading. Rows are written only by {@link RatedCdrRepository#insertAllIfAbsent}, whose
 * {@code ON CONFLICT DO NOTHING} keeps intake idempotent.
 */
@Entity
@Table(name = "rated_cdr")
public class RatedCdrEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "cdr_uuid")
    public String cdrUuid;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "source")
    public String source;

    @Column(name = "leg")
    public String leg;

    @Column(name = "direction")
    public String direction;

    @Column(name = "caller_id_name")
    public String callerIdName;

    @Column(name = "caller_id_number")
    public String callerIdNumber;

    @Column(name = "destination_number")
    public String destinationNumber;

    @Column(name = "domain")
    public String domain;

    @Column(name = "extension")
    public String extension;

    @Column(name = "start_time")
    public Instant startTime;

    @Column(name = "answer_time")
    public Instant answerTime;

    @Column(name = "end_time")
    public Instant endTime;

    @Column(name = "duration")
    public long duration;

    @Column(name = "billsec")
    public long billsec;

    @Column(name = "billed_seconds")
    public long billedSeconds;

    @Column(name = "hangup_cause")
    public String hangupCause;

    @Column(name = "hangup_cause_q850")
    public Integer hangupCauseQ850;

    @Column(name = "charge")
    public BigDecimal charge;

    @Column(name = "currency")
    public String currency;

    @Column(name = "matched_by")
    public String matchedBy;

    @Column(name = "matched_prefix")
    public String matchedPrefix;

    @Column(name = "rated_at")
    public Instant ratedAt;

    @Column(name = "account_id")
    public Long accountId;

    public String calltype;

    @Column(name = "special_rule_id")
    public Long specialRuleId;

    @Column(name = "special_pattern")
    public String specialPattern;

    @Column(name = "billing_mode")
    public String billingMode;

    @Column(name = "rating_trace")
    public String ratingTrace;
}
