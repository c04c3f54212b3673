package com.mangaassist.pipeline;

/**
 * How full the pipeline is, for the shedding policy: requests in flight as a share of the current
 * in-flight limit, and whether any wait for a place. Implemented by the admission step; read by
 * the one policy that decides when a request drops optional work.
 */
public interface PipelineLoad {

    /** Requests in flight divided by the current limit (1.0: every place taken). */
    double inFlightShare();

    /** Requests waiting for a place. */
    int queued();
}
