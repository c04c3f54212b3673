package com.mangaassist.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.mangaassist.local.bedrock.StandInAnswerComposer;

class StandInAnswerComposerTest {

    private final StandInAnswerComposer composer = new StandInAnswerComposer(LocalDate.of(2026, 11, 24));

    private static String product(String title, String price, String stock, String release) {
        return "<passage kind=\"product\">\ntitle: " + title + "\nauthor: Someone\nformat: paperback\nprice: " + price
                + "\nstock: " + stock + "\nreleaseDate: " + release + "\n</passage>\n";
    }

    @Test
    void citesTheMatchingProductWithPriceAndAvailabilityFirst() {
        String answer = composer.compose(product("Naruto, Vol. 1", "9.99", "0", "2010-01-15")
                + product("Bleach, Vol. 2", "10.99", "5", "2012-04-15")
                + "<question>how much is bleach volume 2?</question>");
        assertThat(answer).startsWith("Here are the prices I found: Bleach, Vol. 2 by Someone (paperback) costs $10.99"
                + " and is in stock (5 copies).");
        assertThat(answer).contains("Naruto, Vol. 1").contains("is currently out of stock");
    }

    @Test
    void aFutureReleaseIsOfferedForPreorder() {
        String answer = composer.compose(product("Kaiju No. 8, Vol. 7", "12.99", "0", "2027-03-01")
                + "<question>can I get kaiju no 8 vol 7?</question>");
        assertThat(answer).contains("is available for preorder, releasing 2027-03-01");
    }

    @Test
    void policyQuestionsAreAnsweredFromThePolicyText() {
        String answer = composer.compose("""
                <passage kind="policy">
                title: Returns and Refunds
                text: You can return unopened manga within 30 days of delivery for a full refund. Refunds are issued within 5 business days. Digital editions are non-refundable once downloaded. Gift wrap is free.
                </passage>
                <question>how many days do I have to return unopened manga?</question>
                """);
        assertThat(answer).startsWith("From our Returns and Refunds policy: You can return unopened manga within 30 days");
        assertThat(answer).doesNotContain("Gift wrap");
    }

    private static String policy(String title, String text) {
        return "<passage kind=\"policy\">\ntitle: " + title + "\ntext: " + text + "\n</passage>\n";
    }

    private static String series(String title, String series, String description) {
        return "<passage kind=\"product\">\ntitle: " + title + "\nseries: " + series + "\nauthor: Someone\nformat: paperback"
                + "\nprice: 9.99\nstock: 4\nreleaseDate: 2015-01-01\ndescription: " + description + "\n</passage>\n";
    }

    @Test
    void theBestRankedPassageSaysWhichKindOfAnswer_aPolicyIsNeverReadAsAProduct() {
        // the "Payment Methods and is currently out of stock": a policy cited like a product
        String answer = composer.compose(policy("Shipping Policy", "Orders over $50 ship free within the US. Standard shipping takes 3-5 days.")
                + policy("Payment Methods", "We accept Visa, Mastercard and PayPal.")
                + product("One Piece, Vol. 1", "9.99", "0", "2010-01-01")
                + "<question>is shipping free over some amount?</question>");
        assertThat(answer).startsWith("From our Shipping Policy: Orders over $50 ship free").doesNotContain("out of stock")
                .doesNotContain("Payment Methods");
        String product = composer.compose(product("Bleach, Vol. 2", "10.99", "5", "2012-04-15")
                + policy("Payment Methods", "We accept Visa, Mastercard and PayPal.")
                + "<question>bleach 2 price, can i pay with paypal</question>");
        assertThat(product).startsWith("Here are the prices I found: Bleach, Vol. 2").doesNotContain("Visa");
    }

    @Test
    void recommendationsSayWhatEachSeriesIsAbout() {
        String answer = composer.compose(series("Chi's Sweet Home, Vol. 1", "Chi's Sweet Home",
                "A lost kitten finds a new family. Volume 1: The story begins.")
                + series("Chi's Sweet Home, Vol. 2", "Chi's Sweet Home", "A lost kitten finds a new family. Volume 2.")
                + series("Yotsuba&!, Vol. 1", "Yotsuba&!", "A curious five-year-old discovers the world. Volume 1: The story begins.")
                + "<question>something for my 8 year old who loves cats</question>");
        assertThat(answer).isEqualTo("You might enjoy these: Chi's Sweet Home, Vol. 1 by Someone: A lost kitten finds a new family."
                + " It costs $9.99 and is in stock (4 copies). Yotsuba&!, Vol. 1 by Someone: A curious five-year-old discovers"
                + " the world. It costs $9.99 and is in stock (4 copies). Would you like to hear more about any of them?");
    }

    @Test
    void withoutKnowledgeItSaysSoInsteadOfInventing() {
        String answer = composer.compose("what should I read next?");
        assertThat(answer).startsWith("I couldn't find catalog details");
    }

    @Test
    void escapedDelimitersInsidePassagesAreRestored() {
        String answer = composer.compose(product("Yotsuba&amp;!, Vol. 1", "11.99", "3", "2009-01-15")
                + "<question>yotsuba price</question>");
        assertThat(answer).contains("Yotsuba&!, Vol. 1");
    }

    @Test
    void tokensJoinBackIntoTheAnswer() {
        String answer = "Here's what I found: One Piece, Vol. 1 costs $9.99.";
        assertThat(String.join("", StandInAnswerComposer.tokenize(answer))).isEqualTo(answer);
        assertThat(StandInAnswerComposer.tokenize(answer)).hasSize(10);
    }
}
