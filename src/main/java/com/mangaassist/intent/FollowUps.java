package com.mangaassist.intent;

import java.util.List;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.Question;
import com.mangaassist.pipeline.QueryEntities;

/**
 * What retrieval should search for: a product question that names no series but follows one that did
 * ("how much is volume 2?") is searched with that series, and becomes a follow-up (never cached).
 */
@Component("followUps")
public class FollowUps {

    private final EntityExtractor entityExtractor;

    public FollowUps(EntityExtractor entityExtractor) {
        this.entityExtractor = entityExtractor;
    }

    public Question resolve(ChatRequest request, PhaseOne phaseOne) {
        QueryEntities entities = phaseOne.entities();
        if (!entities.namesSeries() && !phaseOne.intent().intent().isPolicy()) {
            String earlier = seriesFromHistory(phaseOne.history().turns());
            if (earlier != null) {
                return new Question(earlier + " " + request.text(), new QueryEntities(earlier, entities.volume()), true);
            }
        }
        return new Question(request.text(), entities, false);
    }

    private String seriesFromHistory(List<ConversationTurn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            String series = entityExtractor.extract(history.get(i).text()).series();
            if (series != null) {
                return series;
            }
        }
        return null;
    }
}
