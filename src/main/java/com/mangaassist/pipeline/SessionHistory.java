package com.mangaassist.pipeline;

import java.util.List;
import java.util.Set;

/**
 * The memory branch's result: the session's latest turns, oldest first, and every owner its stored
 * items name (the owner check decides whether this user may see them; an item saved before sessions
 * had owners names {@link #UNOWNED}).
 */
public record SessionHistory(List<ConversationTurn> turns, Set<String> owners) {

    public static final String UNOWNED = "(unowned)";
    public static final SessionHistory EMPTY = new SessionHistory(List.of(), Set.of());

    public SessionHistory {
        turns = List.copyOf(turns);
        owners = Set.copyOf(owners);
    }
}
