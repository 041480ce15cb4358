package io.neonclient.storcon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.neonclient.core.PlacementPolicy;
import io.neonclient.core.Scope;
import io.neonclient.core.TenantId;
import io.neonclient.core.internal.Json;
import io.neonclient.core.internal.Request;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The controller's tenants: {@code POST /v1/tenant} and {@code GET /control/v1/tenant}. */
public final class Tenants {
    /** Tenants fetched per page by {@link #list()}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final StorageControllerClient client;

    Tenants(StorageControllerClient client) {
        this.client = client;
    }

    /**
     * {@code POST /v1/tenant} (scope pageserverapi, 201): creates the tenant and schedules its shards. Upstream treats
     * an identical repeat as success, so the call is retried on 503/transport failures. The answer comes before the
     * first attach is certain to have landed: {@link TenantCreation#await} waits until every shard is attached and idle.
     *
     * @throws io.neonclient.core.ConflictException when the placement cannot be satisfied ({@code Failed to schedule shard(s)});
     *                                              the tenant exists anyway: delete it or add capacity
     */
    public TenantCreation create(CreateTenantRequest request) {
        Validate.notNull("request", request);
        TenantCreation.Created created = client.call(Request.post("/v1/tenant").json(request).scope(Scope.PAGESERVER_API).idempotent(true),
                Json.reader(TenantCreation.Created.class));
        return new TenantCreation(client, request.tenantId(), request.placement().orElse(PlacementPolicy.attached(0)),
                created == null ? List.of() : created.shards());
    }

    /**
     * The tenants the controller has in memory, ordered by id, fetched lazily in pages of {@value #DEFAULT_PAGE_SIZE}
     * with {@code GET /control/v1/tenant?limit=…&start_after=…} (scope admin). Detached tenants that were dropped from
     * memory are not listed.
     */
    public Stream<TenantDescription> list() {
        return list(DEFAULT_PAGE_SIZE);
    }

    /** {@link #list()} with {@code pageSize} tenants per request (1..10000). */
    public Stream<TenantDescription> list(int pageSize) {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("pageSize must be 1..10000, got " + pageSize);
        }
        return StreamSupport.stream(new Pages(pageSize), false);
    }

    /** One {@code GET /control/v1/tenant?limit=&start_after=} page (scope admin). */
    List<TenantDescription> page(int limit, TenantId startAfter) {
        Request.Builder r = Request.get("/control/v1/tenant").query("limit", limit).scope(Scope.ADMIN);
        if (startAfter != null) {
            r.query("start_after", startAfter);
        }
        return StorageControllerClient.listOrEmpty(client.call(r, Json.reader(new TypeReference<List<TenantDescription>>() { })));
    }

    /**
     * Pages by the last tenant id seen; a short page is the last (upstream's {@code handle_tenant_list} in
     * {@code storage_controller/src/http.rs} takes {@code limit} and {@code start_after}; the response has no cursor).
     */
    private final class Pages extends Spliterators.AbstractSpliterator<TenantDescription> {
        private final int pageSize;
        private final Deque<TenantDescription> buffer = new ArrayDeque<>();
        private TenantId last;
        private boolean exhausted;

        Pages(int pageSize) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
            this.pageSize = pageSize;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TenantDescription> action) {
            if (buffer.isEmpty() && !exhausted) {
                List<TenantDescription> page = page(pageSize, last);
                if (page.size() < pageSize) {
                    exhausted = true;
                }
                if (!page.isEmpty()) {
                    last = page.get(page.size() - 1).tenantId();
                }
                buffer.addAll(page);
            }
            TenantDescription next = buffer.poll();
            if (next == null) {
                return false;
            }
            action.accept(next);
            return true;
        }
    }
}
