package com.mangaassist.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Shared AWS client settings. When both static keys are blank the SDK's default credentials
 * provider chain is used (the aws profile); the local profile sets dummy keys for the stand-ins.
 */
@ConfigurationProperties(prefix = "mangaassist.aws")
public record AwsSettings(String region, String accessKeyId, String secretAccessKey) {

    public AwsSettings {
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    public boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
    }
}
