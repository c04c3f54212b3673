package com.mangaassist.slo;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;

/** For the routes: whether a step's whole time limit ({@link StepTimeouts}) still fits in the request's time left. */
@Component("stepDeadlines")
public class StepDeadlines {

    private final StepTimeouts timeouts;

    public StepDeadlines(StepTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    public boolean fits(ChatRequest request, String step) {
        return timeouts.fits(request, step);
    }
}
