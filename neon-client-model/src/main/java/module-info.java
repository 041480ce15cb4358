/**
 * neon-client model: the wire types the storage controller and the pageservers share, one Java type per upstream
 * struct of {@code libs/pageserver_api} ({@code models.rs}, {@code shard.rs} and the parts of
 * {@code controller_api.rs} both sides use). {@code io.neonclient.storcon} and {@code io.neonclient.pageserver}
 * both speak in these types; types only one server uses stay in that client's module.
 */
module io.neonclient.model {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;

    exports io.neonclient.model;

    opens io.neonclient.model to com.fasterxml.jackson.databind;
}
