package com.mangaassist.pipeline;

/**
 * How full the pipeline is, for the shedding policy: the requests in flight with all their work
 * (not shed) as a share of the current in-flight limit. Implemented by the admission step; read by
 * the one policy that decides when a request drops optional work. Counting only the full ones keeps
 * a lane of full answers under any overload: once that share is reached new requests shed, and as
 * full ones finish, the next ones are full again.
 */
public interface PipelineLoad {

    /** Requests in flight that do not shed, divided by the current limit (0.8: four places in five taken by full requests). */
    double fullShare();
}
