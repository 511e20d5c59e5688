package io.pbxhub.esl.live;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.PresenceEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows of {@code show channels as json} as FreeSWITCH prints them: every value a string, empty when unset. */
class ListedChannelTest {

    private final ObjectMapper json = new ObjectMapper();

    private ListedChannel row(String callState, String createdEpoch) throws Exception {
        JsonNode row = json.readTree("{\"uuid\":\"b1\",\"direction\":\"outbound\",\"created_epoch\":\"" + createdEpoch
                + "\",\"name\":\"sofia/internal/1002@pbx.example.com\",\"cid_num\":\"1001\",\"cid_name\":\"\","
                + "\"dest\":\"1002\",\"callee_num\":\"\",\"context\":\"pbx.example.com\","
                + "\"presence_id\":\"1002@pbx.example.com\",\"callstate\":\"" + callState + "\",\"call_uuid\":\"a1\"}");
        return ListedChannel.of(row);
    }

    @Test
    void eachCallStateMapsToTheLiveStateAndTheBlfItGives() throws Exception {
        assertThat(row("RINGING", "1").state()).isEqualTo(CallEvent.State.RINGING);
        assertThat(row("DOWN", "1").presence()).isEqualTo(PresenceEvent.State.RINGING);
        assertThat(row("EARLY", "1").state()).isEqualTo(CallEvent.State.EARLY);
        assertThat(row("EARLY", "1").presence()).isEqualTo(PresenceEvent.State.RINGING);
        assertThat(row("ACTIVE", "1").state()).isEqualTo(CallEvent.State.ANSWERED);
        assertThat(row("ACTIVE", "1").presence()).isEqualTo(PresenceEvent.State.BUSY);
        assertThat(row("HELD", "1").state()).isEqualTo(CallEvent.State.HELD);
        assertThat(row("HELD", "1").presence()).isEqualTo(PresenceEvent.State.ON_HOLD);
        assertThat(row("HANGUP", "1").state()).as("hanging up: not added").isNull();
        assertThat(row("HANGUP", "1").presence()).isNull();
    }

    @Test
    void emptyColumnsAreUnknownAndTheCalleeFallsBackToTheDestination() throws Exception {
        ListedChannel c = row("ACTIVE", "1700000000");
        assertThat(c.uuid()).isEqualTo("b1");
        assertThat(c.callUuid()).isEqualTo("a1");
        assertThat(c.callerName()).isNull();
        assertThat(c.calleeNumber()).isEqualTo("1002");
        assertThat(c.created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(row("ACTIVE", "not a number").created()).isNull();
        assertThat(row("ACTIVE", "99999999999999999999").created()).isNull();
    }
}
