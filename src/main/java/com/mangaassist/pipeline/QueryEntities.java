package com.mangaassist.pipeline;

/** What a message names: a catalog series and a volume number, either possibly absent (null). */
public record QueryEntities(String series, Integer volume) {

    public static final QueryEntities NONE = new QueryEntities(null, null);

    public boolean namesSeries() {
        return series != null;
    }
}
