package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Text that reaches the backends is valid UTF-16 without control characters. */
class ChatFrameParserTest {

    private final ChatFrameParser parser = new ChatFrameParser(4000, 128);

    private String text(String jsonText) {
        return parser.parse("{\"type\":\"message\",\"sessionId\":\"s-1\",\"requestId\":\"r-1\",\"text\":" + jsonText + "}",
                "conn-1", "alice", 0, 0).text();
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacterAndPairsStay() {
        assertThat(text("\"naruto \\ud800 volume\"")).isEqualTo("naruto \uFFFD volume");
        assertThat(text("\"\\udc00x\\ud83d\"")).isEqualTo("\uFFFDx\uFFFD");
        assertThat(text("\"frieren \\ud83d\\ude00\"")).isEqualTo("frieren \uD83D\uDE00"); // an emoji is a valid pair
    }

    @Test
    void controlCharactersBecomeSpacesButTabsAndNewlinesStay() {
        assertThat(text("\"what\\u0000is\\u001b[31m this\\u007f\"")).isEqualTo("what is [31m this");
        assertThat(text("\"line one\\nline\\ttwo\"")).isEqualTo("line one\nline\ttwo");
        assertThatThrownBy(() -> text("\"\\u0000\\u0001\\u0002\""))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> assertThat(e.code()).isEqualTo("missing_field"));
    }
}
