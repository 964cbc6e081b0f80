package org.rnnlab.trainer.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link TrainerConfig} as SCR would make it from configuration properties, for unit tests. */
final class Configs {
    private Configs() {
    }

    /** Keys as in a .cfg ({@code checkpoint.every}); every other attribute keeps its default. */
    static TrainerConfig trainer(Map<String, Object> properties) {
        return (TrainerConfig) Proxy.newProxyInstance(TrainerConfig.class.getClassLoader(),
                new Class<?>[] {TrainerConfig.class}, (proxy, method, args) -> {
                    Object value = properties.get(method.getName().replace('_', '.'));
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
