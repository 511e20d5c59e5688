package io.pbxhub.esl;

import java.time.Duration;
import java.util.UUID;

import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.esl.instance.FakeInstanceService;

import static org.awaitility.Awaitility.await;

/**
 * A scripted PBX that the service has connected to the way production does it: a CREATED record on instance-events,
 * the password from the (fake) instance-service, then the ESL subscription. Each one has its own instance and tenant.
 */
record PbxConnectedThroughKafka(TestKafka kafka, ScriptedPbx pbx, UUID id, String tenant) implements AutoCloseable {

    static PbxConnectedThroughKafka connect(Duration wait) {
        TestKafka kafka = new TestKafka();
        ScriptedPbx pbx = ScriptedPbx.start("secret");
        UUID id = UUID.randomUUID();
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, pbx.host(), pbx.port()));
        await().atMost(wait).until(() -> pbx.subscribed.size() == 1);
        return new PbxConnectedThroughKafka(kafka, pbx, id, "tenant-" + id.toString().substring(0, 8));
    }

    @Override
    public void close() {
        pbx.close();
        kafka.close();
    }
}
