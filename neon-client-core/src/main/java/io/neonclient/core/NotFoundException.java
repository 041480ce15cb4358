package io.neonclient.core;

/** 404: the tenant, shard, timeline or node is not known. For the storage controller this includes tenants that were detached and dropped from memory. */
public final class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    NotFoundException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
