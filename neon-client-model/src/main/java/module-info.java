/**
 * neon-client model: the wire types the storage controller and the pageservers share, one Java type per upstream
 * struct of {@code libs/pageserver_api} ({@code models.rs}, {@code shard.rs} and the parts of
 * {@code controller_api.rs} both sides use). {@code io.neonclient.storcon} and {@code io.neonclient.pageserver}
 * both speak in these types; types only one server uses stay in that client's module.
 */
@SuppressWarnings("module") // qualified exports name siblings that are compiled later
module io.neonclient.model {
    requires transitive io.neonclient.core;
    requires com.fasterxml.jackson.databind;

    exports io.neonclient.model;
    // What both clients send the same way (repeat-safe timeline creation); not API.
    exports io.neonclient.model.internal to io.neonclient.storcon, io.neonclient.pageserver;

    opens io.neonclient.model to com.fasterxml.jackson.databind;
}
