package com.mangaassist.pipeline;

/** Requests the pipeline still owes an answer: admitted and not done, or waiting for admission (read by a graceful stop). */
public interface PipelineWork {

    int unfinished();
}
