package com.mangaassist.llm;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.Intent;

/** What the shopper gets when the model cannot answer in time: a fixed answer chosen by intent. */
@Component
public class CannedAnswers {

    public String forIntent(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> "I can't look up order details right now. You can see the status of every order on "
                    + "the Orders page of your account, and we email a tracking number when an order ships.";
            case PRODUCT_SEARCH, PRODUCT_RECOMMENDATION, PRICE_CHECK, AVAILABILITY, PREORDER ->
                    "I'm having trouble reaching our catalog assistant right now. You can search every manga and "
                            + "anime title on our site, and I'll be able to help again in a moment.";
            default -> "Sorry, I can't answer that right now. Please try again in a moment.";
        };
    }
}
