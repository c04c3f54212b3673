package com.mangaassist.intent;

import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;

/** Phase-1 branch: classifies the message and extracts the series/volume it names. */
@Component("intentStep")
public class IntentStep {

    private final IntentClassifier classifier;
    private final EntityExtractor entities;

    public IntentStep(IntentClassifier classifier, EntityExtractor entities) {
        this.classifier = classifier;
        this.entities = entities;
    }

    public void classify(ChatContext chat) {
        String text = chat.getRequest().text();
        chat.setEntities(entities.extract(text));
        chat.setIntent(classifier.classify(text));
    }
}
