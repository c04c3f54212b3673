package com.mangaassist.memory;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.PhaseOne;

/**
 * The owner check after phase 1: a session whose stored items name anyone but this user (or no one:
 * saved before sessions had owners) is another user's conversation. The request is refused and
 * audited; nothing of the session is shown or added to. Saves are also conditioned on the owner
 * ({@link ConversationMemory#saveTurns}), for when the read that makes this check timed out.
 */
@Component("sessionOwnership")
public class SessionOwnership {

    public boolean isForeign(ChatRequest request, PhaseOne phaseOne) {
        return foreignOwner(request, phaseOne) != null;
    }

    /** The first owner the session's items name other than this user, or null when it is theirs (or new). */
    public String foreignOwner(ChatRequest request, PhaseOne phaseOne) {
        for (String owner : phaseOne.history().owners()) {
            if (!owner.equals(request.userId())) {
                return owner;
            }
        }
        return null;
    }
}
