package com.mangaassist.local;

import java.io.IOException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Starts the local OpenSearch node while the bean factory is still being prepared, before the web
 * server and any singleton: the node needs ~8 s, the longest step of local startup, so it runs
 * alongside the rest of boot. The node is exposed as the {@code localOpenSearch} bean.
 */
public class EarlyOpenSearchStarter implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

    private Environment environment;
    private LocalOpenSearch node;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        LocalSettings settings = Binder.get(environment)
                .bind("mangaassist.local", LocalSettings.class)
                .orElseGet(() -> new LocalSettings(null, null, null, null, null, null));
        try {
            node = new LocalOpenSearch(settings.opensearch().httpPort(), settings.opensearch().transportPort(),
                    settings.knnPluginPath());
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare the local OpenSearch node", e);
        }
        beanFactory.registerSingleton("localOpenSearch", node);
    }

    @Override
    public void destroy() throws IOException {
        if (node != null) {
            node.stop();
        }
    }
}
