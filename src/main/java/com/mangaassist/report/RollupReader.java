package com.mangaassist.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads an hour's rollup rows (every process and replica) and merges them into one {@link HourRollup}. */
@Component
public class RollupReader {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public RollupReader(DynamoDbClient dynamoDb, DynamoDbSettings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.rollupTable();
    }

    public HourRollup hour(String hour) {
        HourRollup merged = new HourRollup();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table)
                    // "hour" is a DynamoDB reserved word: reference it by placeholder
                    .keyConditionExpression("#h = :h")
                    .expressionAttributeNames(Map.of("#h", TableProvisioner.HOUR))
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(hour)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                HourRollup row = new HourRollup();
                String name = item.get("name").s();
                if ("histogram".equals(item.get("kind").s())) {
                    row.add(name, HourRollup.decode(item.get("histogram").s()));
                } else {
                    row.count(name, Long.parseLong(item.get("count").n()));
                }
                merged.merge(row);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? new HashMap<>(page.lastEvaluatedKey()) : null;
        } while (start != null);
        return merged;
    }

    public List<HourRollup> hours(List<String> hours) {
        return hours.stream().map(this::hour).toList();
    }
}
