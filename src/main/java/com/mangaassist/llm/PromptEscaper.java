package com.mangaassist.llm;

/**
 * Escapes text that goes inside the prompt's delimiter tags, so user text, history and passages
 * cannot close a block or open a new one (prompt-injection containment).
 */
public final class PromptEscaper {

    private PromptEscaper() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One-line field values: a newline inside a value must not start a new "key: value" line. */
    public static String escapeLine(String text) {
        return escape(text).replaceAll("[\\r\\n]+", " ");
    }
}
