package com.mangaassist.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mangaassist.LocalProfileTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;

/** camel-aws2-ddb against the in-process DynamoDB Local, on the table the service created. */
@LocalProfileTest
class DynamoDbLocalTest {

    @Autowired
    ProducerTemplate camel;

    @Autowired
    DynamoDbSettings settings;

    private String endpoint(String operation) {
        return "aws2-ddb://" + settings.conversationTable() + "?operation=" + operation;
    }

    private static Map<String, AttributeValue> turn(String session, long ts, String text) {
        return Map.of(
                TableProvisioner.SESSION_ID, AttributeValue.fromS(session),
                TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)),
                "text", AttributeValue.fromS(text));
    }

    @Test
    void putGetAndQueryTurnsOfOneSession() {
        String session = "s-" + UUID.randomUUID();
        String other = "s-" + UUID.randomUUID();
        camel.sendBodyAndHeader(endpoint("PutItem"), null, Ddb2Constants.ITEM, turn(session, 1000, "first"));
        camel.sendBodyAndHeader(endpoint("PutItem"), null, Ddb2Constants.ITEM, turn(session, 3000, "third"));
        camel.sendBodyAndHeader(endpoint("PutItem"), null, Ddb2Constants.ITEM, turn(session, 2000, "second"));
        camel.sendBodyAndHeader(endpoint("PutItem"), null, Ddb2Constants.ITEM, turn(other, 1500, "not mine"));

        var got = camel.request(endpoint("GetItem"), e -> e.getIn().setHeader(Ddb2Constants.KEY, Map.of(
                TableProvisioner.SESSION_ID, AttributeValue.fromS(session),
                TableProvisioner.TURN_TS, AttributeValue.fromN("2000"))));
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> item = got.getMessage().getHeader(Ddb2Constants.ATTRIBUTES, Map.class);
        assertThat(item.get("text").s()).isEqualTo("second");

        var queried = camel.request(endpoint("Query"), e -> {
            e.getIn().setHeader(Ddb2Constants.KEY_CONDITIONS, Map.of(TableProvisioner.SESSION_ID, Condition.builder()
                    .comparisonOperator(ComparisonOperator.EQ)
                    .attributeValueList(AttributeValue.fromS(session)).build()));
            e.getIn().setHeader(Ddb2Constants.SCAN_INDEX_FORWARD, false);
            e.getIn().setHeader(Ddb2Constants.LIMIT, 2);
        });
        @SuppressWarnings("unchecked")
        List<Map<String, AttributeValue>> items = queried.getMessage().getHeader(Ddb2Constants.ITEMS, List.class);
        // newest first, limited to 2, and only this session's turns
        assertThat(items).extracting(i -> i.get("text").s()).containsExactly("third", "second");
    }
}
