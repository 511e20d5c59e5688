package io.pbxhub.esl;

import java.time.Duration;
import java.util.UUID;

import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.instance.FakeInstanceService;

/**
 * A simulated FreeSWITCH that the service has connected to the way production does it: a CREATED record on
 * instance-events, the password from the (fake) instance-service, then the ESL subscription. Each one has its own
 * instance and tenant.
 */
record PbxConnectedThroughKafka(TestKafka kafka, EslSimulator sim, UUID id, String tenant) implements AutoCloseable {

    static PbxConnectedThroughKafka connect(Duration wait) {
        TestKafka kafka = new TestKafka();
        EslSimulator sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret"));
        UUID id = UUID.randomUUID();
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        sim.awaitSubscribers(1, wait);
        return new PbxConnectedThroughKafka(kafka, sim, id, "tenant-" + id.toString().substring(0, 8));
    }

    @Override
    public void close() {
        sim.close();
        kafka.close();
    }
}
