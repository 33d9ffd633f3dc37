package org.staypuft.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the host registry. */
@ConfigMapping(prefix = "staypuft.registry")
public interface RegistryConfig {

    Api api();

    interface Api {

        /** Hosts per page when the client asks for no size. */
        @WithDefault("50")
        int defaultPageSize();

        /** The largest page a client may ask for; a bigger one gets a 400 naming this limit. */
        @WithDefault("500")
        int maxPageSize();
    }
}
