package com.mangaassist.rag;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mangaassist.config.StartupConfigurationException;

/** Loads the catalog files named by {@link CatalogSettings}; a missing or unreadable file stops startup. */
@Configuration(proxyBeanMethods = false)
public class CatalogLoader {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @Bean
    Catalog catalog(CatalogSettings settings, ResourceLoader resources) {
        return load(settings, resources);
    }

    /** The catalog files, read as the service reads them (also by the local backends' seeding). */
    public static Catalog load(CatalogSettings settings, ResourceLoader resources) {
        List<Product> products = read(resources, "mangaassist.catalog.products", settings.products(),
                new TypeReference<>() { });
        List<PolicyDocument> policies = read(resources, "mangaassist.catalog.policies", settings.policies(),
                new TypeReference<>() { });
        return new Catalog(List.copyOf(products), List.copyOf(policies));
    }

    private static <T> List<T> read(ResourceLoader resources, String setting, String location,
                                    TypeReference<List<T>> type) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new StartupConfigurationException(setting, location, "catalog file not found");
        }
        try (InputStream in = resource.getInputStream()) {
            List<T> items = JSON.readValue(in, type);
            if (items == null || items.isEmpty()) {
                throw new StartupConfigurationException(setting, location, "catalog file is empty");
            }
            return items;
        } catch (IOException e) {
            throw new StartupConfigurationException(setting, location, "catalog file is not readable JSON: "
                    + e.getMessage(), e);
        }
    }
}
