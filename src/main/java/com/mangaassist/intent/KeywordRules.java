package com.mangaassist.intent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import com.mangaassist.pipeline.Intent;

/**
 * High-precision keyword patterns, tried in order (first match wins), well under 1 ms. They also
 * serve as the keyword fallback when the embedding classifier is unavailable.
 */
public final class KeywordRules {

    private record Rule(Intent intent, Pattern pattern) {
    }

    private static Rule rule(Intent intent, String regex) {
        return new Rule(intent, Pattern.compile(regex));
    }

    private static final List<Rule> RULES = List.of(
            rule(Intent.ORDER_STATUS, "\\b(my (order|package|parcel|delivery|purchase)|order (number|status|#)|orders? \\d+"
                    + "|track(ing)? (my|order|what)|where('?s| is| are) my|(haven'?t|hasn'?t|never) (received|got|arrived|come)"
                    + "|did (you send|my preorder ship))"),
            rule(Intent.RETURN_POLICY, "\\b(returns?|returning|refunds?|refunded|send (it )?back|exchange|swap|money back"
                    + "|give back|store credit)\\b"),
            rule(Intent.PREORDER, "\\b(pre-? ?orders?|pre-? ?ordering|release date|releases?d?|come(s)? out|coming (out|soon)"
                    + "|next (volume|book|\\w+ (volume|book))|upcoming|new releases?|out yet|reserve)\\b"),
            rule(Intent.SHIPPING, "\\b(ship(ping|s|ped)?|deliver(y|ed)?|courier|carrier|express|overnight|dispatch"
                    + "|po box(es)?)\\b"),
            rule(Intent.STORE_POLICY, "\\b(pay(ment)?|paypal|apple pay|google pay|american express|amex|debit|credit card"
                    + "|installments?|gift ?cards?|digital|offline|devices?|rewards?|points|loyalty|membership"
                    + "|damaged|crushed|torn|bent|scratched|misprint(ed)?|printing error|defective|won'?t play"
                    + "|sales tax)\\b"),
            rule(Intent.PRICE_CHECK, "\\b(how much|price|prices|pricey|cost|costs|cheap|cheaper|cheapest|expensive"
                    + "|discount(ed)?|on sale|sell for|going for)\\b|\\$\\d"),
            rule(Intent.AVAILABILITY, "\\b(in stock|available|availability|sold out|out of stock|restock(ing|ed)?"
                    + "|back in stock|copies|on hand|on the shelf|left\\b)"),
            rule(Intent.PRODUCT_RECOMMENDATION, "\\b(recommend(ation)?s?|suggest(ion)?s?|similar|what should i (read|watch)"
                    + "|where do i start|gift (idea|for)|present for|good (series|manga|anime)|best (manga|series)"
                    + "|if i liked|i (liked|love|loved) .* (what|any)|pick a manga|something (like|with|for|wholesome|funny))"),
            rule(Intent.PRODUCT_SEARCH, "\\b(do you (guys )?(have|sell|carry|stock)|looking for|search(ing)? for|find( me)?"
                    + "|show me|who (wrote|is the author)|author of|have you got|got (the|any)|box set|blu-?ray|i want the"
                    + "|i'?d like to buy|i need the|i'?m after)\\b"),
            rule(Intent.GENERAL, "^(hi|hello|hey|yo|thanks|thank you|good (morning|evening|afternoon)|bye|goodbye|ok|okay"
                    + "|cool|nice|great|lol|hmm|see you)\\b"));

    private KeywordRules() {
    }

    public static Optional<Intent> match(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(lower).find()) {
                return Optional.of(rule.intent());
            }
        }
        return Optional.empty();
    }
}
