package com.mangaassist.pipeline;

import java.util.List;


/** What the model is sent: a fixed system prompt, prior turns, and the final user message. */
public record LlmPrompt(String system, List<ConversationTurn> history, String userMessage) {
}
