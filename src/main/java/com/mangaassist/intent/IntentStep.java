package com.mangaassist.intent;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Understanding;

/** Phase-1 branch: classifies the message and extracts the series/volume it names. */
@Component("intentStep")
public class IntentStep {

    private final IntentClassifier classifier;
    private final EntityExtractor entities;

    public IntentStep(IntentClassifier classifier, EntityExtractor entities) {
        this.classifier = classifier;
        this.entities = entities;
    }

    public Understanding classify(ChatRequest request) {
        String text = request.text();
        return new Understanding(classifier.classify(text), entities.extract(text));
    }
}
