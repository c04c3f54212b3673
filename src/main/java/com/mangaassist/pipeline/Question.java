package com.mangaassist.pipeline;

/**
 * What retrieval searches for: the message's text, or for a follow-up ("how much is volume 2?")
 * the series of an earlier turn with it, and the entities it names.
 */
public record Question(String text, QueryEntities entities, boolean followUp) {
}
