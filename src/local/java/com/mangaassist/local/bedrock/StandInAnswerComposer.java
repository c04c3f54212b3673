package com.mangaassist.local.bedrock;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Composes the stand-in model's answer from what it is sent, the way a grounded model would:
 * products are cited by title, price and availability; policy questions are answered from the
 * policy text. Knowledge arrives in the user message as
 * {@code <passage kind="product|policy">key: value lines</passage>} blocks, with the shopper's
 * text in a {@code <question>} block (or, without one, whatever is outside the passages).
 */
public final class StandInAnswerComposer {

    private static final Pattern PASSAGE = Pattern.compile("<passage([^>]*)>(.*?)</passage>", Pattern.DOTALL);
    private static final Pattern KIND = Pattern.compile("kind=\"([^\"]+)\"");
    private static final Pattern QUESTION = Pattern.compile("<question>(.*?)</question>", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    /** Asking for something to try, not for a named item: "recommend", "something like X", "what next". */
    private static final Pattern RECOMMENDATION = Pattern.compile("(?i)\\b(recommend\\w*|suggest\\w*|recs?|similar|like (it|that|this)"
            + "|(something|anything|more|manga|series|others?) (just )?like|what (else|next|should)|read next|for (my|a) \\w+)\\b");
    private static final Set<String> STOPWORDS = Set.of("the", "and", "for", "you", "are", "can", "what", "how",
            "does", "any", "have", "with", "your", "about", "this", "that", "there", "much", "is", "do", "of",
            "my", "me", "to", "in", "it", "a", "an", "on", "i", "vol", "volume", "some", "get", "want", "which");

    private final LocalDate today;

    public StandInAnswerComposer(LocalDate today) {
        this.today = today;
    }

    public String compose(String userMessage) {
        List<Map<String, String>> products = new ArrayList<>();
        List<Map<String, String>> policies = new ArrayList<>();
        String firstKind = null;
        Matcher m = PASSAGE.matcher(userMessage);
        while (m.find()) {
            Matcher kind = KIND.matcher(m.group(1));
            String passageKind = kind.find() && "policy".equals(kind.group(1)) ? "policy" : "product";
            firstKind = firstKind == null ? passageKind : firstKind;
            (passageKind.equals("policy") ? policies : products).add(parseFields(m.group(2)));
        }
        Matcher q = QUESTION.matcher(userMessage);
        String question = unescape(q.find() ? q.group(1) : PASSAGE.matcher(userMessage).replaceAll(" ")).trim();
        Set<String> words = words(question);
        // retrieval ranks the passages: the best one says what kind of answer this is, and a policy
        // answer is read from the best policy, never from a product (nor a product from a policy)
        if ("policy".equals(firstKind)) {
            return policyAnswer(policies.get(0), words);
        }
        if ("product".equals(firstKind)) {
            return RECOMMENDATION.matcher(question).find() && seriesCount(products) > 1
                    ? recommendationAnswer(products)
                    : productAnswer(products, words, question.toLowerCase(Locale.ROOT));
        }
        return "I couldn't find catalog details for that right now, but I'm happy to help you find manga and "
                + "anime products. Could you tell me a title, an author or a genre you're interested in?";
    }

    private static long seriesCount(List<Map<String, String>> products) {
        return products.stream().map(StandInAnswerComposer::seriesOf).distinct().count();
    }

    private static String seriesOf(Map<String, String> product) {
        return product.getOrDefault("series", product.getOrDefault("title", ""));
    }

    private static String price(Map<String, String> product) {
        return (product.get("price").startsWith("$") ? "" : "$") + product.get("price");
    }

    /** Other series to try, in retrieval's order: what each is about, then its price and availability. */
    private String recommendationAnswer(List<Map<String, String>> products) {
        StringBuilder answer = new StringBuilder("You might enjoy these:");
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (Map<String, String> p : products) {
            if (n == 3 || !seen.add(seriesOf(p))) {
                continue;
            }
            n++;
            answer.append(' ').append(p.getOrDefault("title", "an item"));
            if (p.containsKey("author")) {
                answer.append(" by ").append(p.get("author"));
            }
            String about = firstSentence(p.getOrDefault("description", ""));
            answer.append(about.isEmpty() ? "." : ": " + about);
            if (p.containsKey("price")) {
                answer.append(" It costs ").append(price(p)).append(" and ").append(availability(p)).append('.');
            }
        }
        return answer.append(" Would you like to hear more about any of them?").toString();
    }

    private static String firstSentence(String text) {
        String cut = text.endsWith("...") ? text.substring(0, text.length() - 3) : text;
        int end = cut.indexOf(". ");
        String sentence = (end > 0 ? cut.substring(0, end + 1) : cut).trim();
        return sentence.isEmpty() || sentence.endsWith(".") ? sentence : sentence + "...";
    }

    private String productAnswer(List<Map<String, String>> products, Set<String> words, String question) {
        List<Map<String, String>> ranked = new ArrayList<>(products);
        // stable sort: retrieval order breaks ties
        ranked.sort(Comparator.comparingInt((Map<String, String> p) ->
                overlap(words, p.getOrDefault("title", "") + " " + p.getOrDefault("series", ""))).reversed());
        boolean priceQuestion = question.contains("how much") || words.contains("price") || words.contains("cost")
                || words.contains("cheap");
        boolean stockQuestion = words.contains("stock") || words.contains("available") || words.contains("availability");
        StringBuilder answer = new StringBuilder(priceQuestion ? "Here are the prices I found: "
                : stockQuestion ? "Here's the current availability: " : "Here's what I found in our catalog: ");
        for (Map<String, String> p : ranked.subList(0, Math.min(3, ranked.size()))) {
            answer.append(p.getOrDefault("title", "an item"));
            if (p.containsKey("author")) {
                answer.append(" by ").append(p.get("author"));
            }
            if (p.containsKey("format")) {
                answer.append(" (").append(p.get("format")).append(')');
            }
            if (p.containsKey("price")) {
                answer.append(" costs ").append(price(p)).append(" and");
            }
            answer.append(' ').append(availability(p)).append(". ");
        }
        return answer.append("Would you like more details on any of these?").toString();
    }

    private String availability(Map<String, String> product) {
        int stock = parseInt(product.get("stock"));
        LocalDate release = parseDate(product.get("releaseDate"));
        if (release != null && release.isAfter(today)) {
            return "is available for preorder, releasing " + release;
        }
        if (stock > 0) {
            return "is in stock (" + stock + (stock == 1 ? " copy" : " copies") + ")";
        }
        return "is currently out of stock";
    }

    private String policyAnswer(Map<String, String> policy, Set<String> words) {
        String text = policy.getOrDefault("text", "");
        List<String> sentences = Arrays.stream(text.split("(?<=[.!?])\\s+")).filter(s -> !s.isBlank()).toList();
        List<String> best = sentences.stream()
                .sorted(Comparator.comparingInt((String s) -> overlap(words, s)).reversed())
                .limit(3)
                .collect(Collectors.toCollection(ArrayList::new));
        best.sort(Comparator.comparingInt(sentences::indexOf)); // back in the policy's own order
        String title = policy.getOrDefault("title", "store");
        return "From our " + title + (title.toLowerCase(Locale.ROOT).endsWith("policy") ? "" : " policy") + ": " + String.join(" ", best)
                + " Is there anything else I can help you with?";
    }

    private static Map<String, String> parseFields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), unescape(line.substring(colon + 1).trim()));
            }
        }
        return fields;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!STOPWORDS.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static int overlap(Set<String> questionWords, String text) {
        Set<String> textWords = words(text);
        int n = 0;
        for (String w : questionWords) {
            if (textWords.contains(w)) {
                n++;
            }
        }
        return n;
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static LocalDate parseDate(String value) {
        try {
            return value == null ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Splits an answer into model-like tokens: each word with its trailing space. */
    public static List<String> tokenize(String answer) {
        return Arrays.stream(answer.split("(?<=\\s)")).filter(t -> !t.isEmpty()).toList();
    }
}
