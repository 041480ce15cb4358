package io.neonclient.samples;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The CLI's JSON output: trees built field by field in wire names, so the output never depends on Java names. */
final class CliJson {
    private CliJson() {}

    static final ObjectMapper MAPPER = new ObjectMapper();
}
