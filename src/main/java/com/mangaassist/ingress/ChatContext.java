package com.mangaassist.ingress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mangaassist.intent.IntentResult;
import com.mangaassist.intent.QueryEntities;
import com.mangaassist.llm.LlmPrompt;
import com.mangaassist.memory.ConversationTurn;
import com.mangaassist.rag.Passage;

/**
 * Everything one request accumulates on its way through the routes (exchange property
 * {@code chat}). Phase-1 branches run in parallel on copies of the exchange that share this
 * object, so what they write is kept in concurrent collections or written once.
 */
public class ChatContext {

    private final ChatRequest request;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private boolean retrievalClosed;
    private final Map<String, Long> timingsMs = new ConcurrentHashMap<>();
    private final Degradation degradation = new Degradation();
    private volatile String traceId;
    private volatile IntentResult intent;
    private volatile QueryEntities entities = QueryEntities.NONE;
    private volatile List<ConversationTurn> history = List.of();
    private volatile String cachedAnswer;
    private volatile boolean followUp;
    private volatile String retrievalText;
    private volatile List<Passage> passages = List.of();
    private volatile LlmPrompt prompt;
    private final StringBuilder answer = new StringBuilder();
    private volatile long firstTokenNanos;
    private volatile boolean interrupted;
    private volatile String answeredBy;
    private boolean phaseOneClosed;
    private boolean historyLoaded;
    private volatile String foreignSessionOwner;

    public ChatContext(ChatRequest request, String traceId) {
        this.request = request;
        this.traceId = traceId;
    }

    public ChatRequest getRequest() {
        return request;
    }

    public String getTraceId() {
        return traceId;
    }

    public IntentResult getIntent() {
        return intent;
    }

    /** Phase-1 result; ignored once phase 1 is closed (a branch that came back too late). */
    public synchronized void setIntent(IntentResult intent) {
        if (!phaseOneClosed) {
            this.intent = intent;
        }
    }

    public synchronized void forceIntent(IntentResult intent) {
        this.intent = intent;
    }

    public synchronized void closePhaseOne() {
        phaseOneClosed = true;
    }

    public synchronized boolean isHistoryLoaded() {
        return historyLoaded;
    }

    public QueryEntities getEntities() {
        return entities;
    }

    public synchronized void setEntities(QueryEntities entities) {
        if (!phaseOneClosed) {
            this.entities = entities;
        }
    }

    public List<ConversationTurn> getHistory() {
        return history;
    }

    public synchronized void setHistory(List<ConversationTurn> history) {
        if (!phaseOneClosed) {
            this.history = List.copyOf(history);
            this.historyLoaded = true;
        }
    }

    /** The session id names another user's conversation: nothing of it is shown, nothing is added to it. */
    public void markForeignSession(String owner) {
        this.foreignSessionOwner = owner;
    }

    public boolean isForeignSession() {
        return foreignSessionOwner != null;
    }

    public String getForeignSessionOwner() {
        return foreignSessionOwner;
    }

    public String getCachedAnswer() {
        return cachedAnswer;
    }

    public synchronized void setCachedAnswer(String cachedAnswer) {
        if (!phaseOneClosed) {
            this.cachedAnswer = cachedAnswer;
        }
    }

    /** Replaces the raw cache entry by the answer text it holds, once validated. */
    public synchronized void setCachedAnswerText(String text) {
        this.cachedAnswer = text;
    }

    /** Drops a cached answer that turned out not to fit this request (see AnswerCachePolicy). */
    public synchronized void discardCachedAnswer() {
        this.cachedAnswer = null;
    }

    public boolean isCacheHit() {
        return cachedAnswer != null;
    }

    public boolean isFollowUp() {
        return followUp;
    }

    public void setFollowUp(boolean followUp) {
        this.followUp = followUp;
    }

    public String getRetrievalText() {
        return retrievalText == null ? request.text() : retrievalText;
    }

    public void setRetrievalText(String retrievalText) {
        this.retrievalText = retrievalText;
    }

    public List<Passage> getPassages() {
        return passages;
    }

    /** Retrieval result; ignored once retrieval timed out (the search finished too late). */
    public synchronized void setPassages(List<Passage> passages) {
        if (!retrievalClosed) {
            this.passages = List.copyOf(passages);
        }
    }

    /** The request's hard deadline (System.nanoTime scale): no step may run past it. */
    public void setDeadlineNanos(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public long remainingMillis() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    /** A step that ran out of time: reported in the done frame; for retrieval, later results are ignored. */
    public synchronized void markTimedOut(String step) {
        degradation.markTimedOut(step);
        markFailed(step);
    }

    /** A step that failed or was abandoned: the answer goes on without it. */
    public synchronized void markFailed(String step) {
        if ("rag".equals(step)) {
            retrievalClosed = true;
            passages = List.of();
            degradation.markMissing(Degradation.Missing.RAG);
        }
    }

    /** The model's stream broke after its first token: the answer is incomplete. */
    public void markInterrupted() {
        interrupted = true;
    }

    public boolean isInterrupted() {
        return interrupted;
    }

    /** Which model produced the answer (absent for cached and canned answers). */
    public String getAnsweredBy() {
        return answeredBy;
    }

    public void setAnsweredBy(String modelId) {
        this.answeredBy = modelId;
    }

    public LlmPrompt getPrompt() {
        return prompt;
    }

    public void setPrompt(LlmPrompt prompt) {
        this.prompt = prompt;
    }

    public synchronized void appendAnswer(String text) {
        answer.append(text);
    }

    public synchronized String getAnswer() {
        return answer.toString();
    }

    public long getFirstTokenNanos() {
        return firstTokenNanos;
    }

    /** Records the first visible token once; returns true for the first call only. */
    public synchronized boolean markFirstToken(long nanos) {
        if (firstTokenNanos != 0) {
            return false;
        }
        firstTokenNanos = nanos;
        timingsMs.put("e2e_first_token", (nanos - request.receivedAtNanos()) / 1_000_000);
        return true;
    }

    public void recordTiming(String step, long millis) {
        timingsMs.put(step, millis);
    }

    public Map<String, Long> getTimings() {
        return new LinkedHashMap<>(new java.util.TreeMap<>(timingsMs));
    }

    /** What this request had to do without, and the level that makes. */
    public Degradation degradation() {
        return degradation;
    }
}
