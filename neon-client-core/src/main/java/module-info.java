/**
 * neon-client core: Neon's ids and values ({@link io.neonclient.core.TenantId}, {@link io.neonclient.core.Lsn},
 * {@link io.neonclient.core.TenantShardId}, {@link io.neonclient.core.PlacementPolicy} …), the exception tree
 * rooted at {@link io.neonclient.core.NeonException}, retry and wait policies, and the {@link io.neonclient.core.Waiter}.
 * The HTTP transport and JSON codec live in {@code io.neonclient.core.internal}, exported only to sibling modules.
 */
@SuppressWarnings("module") // qualified exports name siblings that are compiled later
module io.neonclient.core {
    requires transitive com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires io.github.resilience4j.retry;
    requires io.github.resilience4j.core;
    requires transitive java.net.http;
    requires org.slf4j;

    exports io.neonclient.core;
    // Sibling modules add themselves here as they are created (a qualified export to a missing module is a lint warning).
    exports io.neonclient.core.internal to io.neonclient.model, io.neonclient.storcon, io.neonclient.pageserver, io.neonclient.safekeeper,
            io.neonclient.compute, io.neonclient.admin;

    opens io.neonclient.core to com.fasterxml.jackson.databind;
}
