package io.neonclient.core;

/** 400, and any other 4xx without a family of its own (405, 406, 422 …): the request was wrong; fix it, don't retry. A 406 from timeline create means a bad ancestor LSN (e.g. below the GC cutoff). */
public final class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    BadRequestException(Operation operation, int status, String serverMessage, int attempts) {
        super(operation, status, serverMessage, attempts);
    }
}
