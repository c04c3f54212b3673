package com.mangaassist.pipeline;

/** One stored turn of a session: who spoke ("user" / "assistant"), what, and when (epoch micros). */
public record ConversationTurn(String role, String text, long turnTs) {
}
