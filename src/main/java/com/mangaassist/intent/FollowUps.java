package com.mangaassist.intent;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.Question;
import com.mangaassist.pipeline.QueryEntities;

/**
 * What retrieval should search for: a product question that names no series but follows one that did
 * ("how much is volume 2?", "got the next one?") is searched with that series (and, for "next", the
 * volume after the one named before); a short policy question about "it" ("does it expire?") is
 * searched with the shopper's previous message. Either becomes a follow-up (never cached).
 */
@Component("followUps")
public class FollowUps {

    private static final Pattern NEXT = Pattern.compile("(?i)\\bnext\\b");
    /** A short question about "it" or "that": its subject is in the turn before. */
    private static final Pattern REFERS_BACK = Pattern.compile("(?i)^\\W*(\\S+\\s+){0,7}\\S*\\b(it|that|this|they|them|those)\\b\\W*(\\S+\\W*){0,3}$");

    private final EntityExtractor entityExtractor;

    public FollowUps(EntityExtractor entityExtractor) {
        this.entityExtractor = entityExtractor;
    }

    public Question resolve(ChatRequest request, PhaseOne phaseOne) {
        QueryEntities entities = phaseOne.entities();
        List<ConversationTurn> turns = phaseOne.history().turns();
        if (phaseOne.intent().intent().isPolicy()) {
            // "does it expire?" after "thinking of getting a gift card": the subject is the last question's
            String earlier = REFERS_BACK.matcher(request.text()).find() ? lastShopperText(turns) : null;
            return earlier == null ? new Question(request.text(), entities, false)
                    : new Question(earlier + " " + request.text(), entities, true);
        }
        if (!entities.namesSeries()) {
            QueryEntities earlier = seriesFromHistory(turns);
            if (earlier != null) {
                // "is the next one in stock?" after "i'm on chainsaw man vol 4": volume 5
                Integer volume = entities.volume() == null && earlier.volume() != null && NEXT.matcher(request.text()).find()
                        ? Integer.valueOf(earlier.volume() + 1) : entities.volume();
                return new Question(earlier.series() + " " + request.text(), new QueryEntities(earlier.series(), volume), true);
            }
        }
        return new Question(request.text(), entities, false);
    }

    private QueryEntities seriesFromHistory(List<ConversationTurn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            QueryEntities earlier = entityExtractor.extract(history.get(i).text());
            if (earlier.namesSeries()) {
                return earlier;
            }
        }
        return null;
    }

    private static String lastShopperText(List<ConversationTurn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if ("user".equals(history.get(i).role())) {
                return history.get(i).text();
            }
        }
        return null;
    }
}
