package com.mangaassist.ingress;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the chat page needs to connect: the WebSocket port and path, and whether answers come from the stand-in. */
@RestController
public class ChatPageConfig {

    private final int wsPort;
    private final boolean standIn;

    public ChatPageConfig(@Value("${mangaassist.ws.port}") int wsPort,
                          @Value("${mangaassist.chat.stand-in-notice:false}") boolean standIn) {
        this.wsPort = wsPort;
        this.standIn = standIn;
    }

    @GetMapping("/api/chat-config")
    public Map<String, Object> config() {
        return Map.of("wsPort", wsPort, "wsPath", "/chat", "standIn", standIn);
    }
}
