package com.mangaassist.pipeline;

/** The intent branch's result: what the message asks for and the series/volume it names. */
public record Understanding(IntentResult intent, QueryEntities entities) {
}
