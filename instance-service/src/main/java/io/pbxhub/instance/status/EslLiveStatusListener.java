package io.pbxhub.instance.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.InstanceStatus;
import io.smallrye.common.annotation.Blocking;

/** Takes in the live ESL state that esl-ingest-service publishes on instance-status; our own reports are skipped. */
@ApplicationScoped
public class EslLiveStatusListener {

    private final ObjectMapper mapper;
    private final StatusRecorder recorder;

    public EslLiveStatusListener(ObjectMapper mapper, StatusRecorder recorder) {
        this.mapper = mapper;
        this.recorder = recorder;
    }

    @Incoming("instance-status")
    @Blocking
    public void onStatus(String json) throws JsonProcessingException {
        InstanceStatus status = mapper.readValue(json, InstanceStatus.class);
        if (status.instanceId() == null) {
            throw new IllegalArgumentException("instance-status record without instanceId");
        }
        if (!StatusRecorder.REPORTER.equals(status.reporter())) {
            recorder.recordLiveEsl(status);
        }
    }
}
