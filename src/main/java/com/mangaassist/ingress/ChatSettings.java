package com.mangaassist.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * What a shopper's message may be.
 *
 * @param maxTextLength the longest message text accepted, in characters
 * @param maxIdLength the longest session or request id accepted
 * @param standInNotice whether the chat page says answers come from the local Bedrock stand-in (the local profile)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.chat")
public record ChatSettings(@Min(1) int maxTextLength, @Min(1) int maxIdLength, boolean standInNotice) {
}
