package com.mangaassist.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Shared AWS client settings. When both static keys are blank the SDK's default credentials
 * provider chain is used (the aws profile); the local profile sets dummy keys for the stand-ins.
 *
 * @param region the AWS region of DynamoDB and Bedrock
 * @param accessKeyId a static access key; blank: the SDK default credentials chain
 * @param secretAccessKey the static access key's secret
 */
@ConfigurationProperties(prefix = "mangaassist.aws")
public record AwsSettings(String region, String accessKeyId, String secretAccessKey) {


    public boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
    }
}
