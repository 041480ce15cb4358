package io.neonclient.compute;

import java.util.List;
import java.util.Map;

/**
 * Current query statistics: the answer of {@code GET /insights} (upstream {@code ComputeNode::collect_insights},
 * {@code compute_tools/src/compute.rs}): the 100 slowest {@code pg_stat_statements} rows (by mean execution plus
 * planning time), each as Postgres' {@code row_to_json} wrote it.
 *
 * @param pgStatStatements the rows, column name to value
 */
public record Insights(List<Map<String, Object>> pgStatStatements) {
    /** A component the wire left out (null) takes its empty or default value. */
    public Insights {
        pgStatStatements = pgStatStatements == null ? List.of() : pgStatStatements.stream()
                .map(row -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row))).toList();
    }
}
