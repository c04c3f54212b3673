package com.mangaassist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mangaassist.local.bedrock.EventStreamEncoder;

import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** The stand-in's frames decode with the AWS SDK's own event-stream decoder, CRCs included. */
class EventStreamEncoderTest {

    @Test
    void eventFramesDecodeWithTheSdkDecoderEvenWhenSplitAcrossReads() {
        byte[] first = EventStreamEncoder.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"ワン \"}}");
        byte[] second = EventStreamEncoder.event("messageStop", "{\"stopReason\":\"end_turn\"}");
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        List<Message> decoded = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(decoded::add);
        for (int i = 0; i < both.length; i += 7) { // network reads rarely align with frames
            decoder.feed(both, i, Math.min(7, both.length - i));
        }

        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0).getHeaders().get(":event-type").getString()).isEqualTo("contentBlockDelta");
        assertThat(decoded.get(0).getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(decoded.get(0).getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        assertThat(new String(decoded.get(0).getPayload(), StandardCharsets.UTF_8)).contains("ワン ");
        assertThat(decoded.get(1).getHeaders().get(":event-type").getString()).isEqualTo("messageStop");
    }

    @Test
    void exceptionFramesCarryTheExceptionType() {
        Message message = Message.decode(java.nio.ByteBuffer.wrap(
                EventStreamEncoder.exception("throttlingException", "Too many \"requests\"")));
        assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(message.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Too many \\\"requests\\\"\"}");
    }

    @Test
    void aCorruptedFrameIsRejectedByItsChecksum() {
        byte[] frame = EventStreamEncoder.event("messageStart", "{\"role\":\"assistant\"}");
        frame[frame.length - 6] ^= 0x01; // flip one payload bit
        assertThatThrownBy(() -> Message.decode(java.nio.ByteBuffer.wrap(frame)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
