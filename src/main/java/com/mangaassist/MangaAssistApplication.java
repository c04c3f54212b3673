package com.mangaassist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MangaAssistApplication {

    public static void main(String[] args) {
        SpringApplication.run(MangaAssistApplication.class, args);
    }
}
