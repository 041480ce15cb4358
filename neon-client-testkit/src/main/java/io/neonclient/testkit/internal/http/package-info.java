/**
 * What every simulated server shares over HTTP: the route table with upstream's matching rules
 * ({@link io.neonclient.testkit.internal.http.Router}), requests and answers, upstream's error bodies, the listener,
 * tokens and scope checks (libs/http-utils, libs/utils/src/auth.rs) and the servers' own JSON codec.
 */
package io.neonclient.testkit.internal.http;
