package io.neonclient.pageserver;

import io.neonclient.core.Lsn;
import java.util.List;
import java.util.Objects;

/**
 * The keys a timeline holds at an LSN, the answer of {@code GET …/timeline/{timeline_id}/keyspace}: upstream
 * {@code Partitioning} ({@code libs/pageserver_api/src/models/partitioning.rs}), whose ranges travel as
 * {@code [start, end]} pairs of keys.
 *
 * @param keys       the dense keyspace (relation blocks, sizes, directories, ...)
 * @param sparseKeys the sparse keyspace (auxiliary files, metadata)
 * @param atLsn      the LSN the keyspace was collected at
 */
public record Keyspace(List<KeyRange> keys, List<KeyRange> sparseKeys, Lsn atLsn) {
    /** Copies the lists; absent lists read as empty. */
    public Keyspace {
        keys = keys == null ? List.of() : List.copyOf(keys);
        sparseKeys = sparseKeys == null ? List.of() : List.copyOf(sparseKeys);
        Objects.requireNonNull(atLsn, "atLsn");
    }

    /** The wire form: each range a two-element array of key strings. */
    record Wire(List<List<String>> keys, List<List<String>> sparseKeys, Lsn atLsn) {
        Keyspace toKeyspace() {
            return new Keyspace(ranges(keys), ranges(sparseKeys), atLsn);
        }

        private static List<KeyRange> ranges(List<List<String>> pairs) {
            if (pairs == null) {
                return List.of();
            }
            return pairs.stream().map(p -> {
                if (p == null || p.size() != 2) {
                    throw new IllegalArgumentException("a key range must be a [start, end] pair, got " + p);
                }
                return new KeyRange(p.get(0), p.get(1));
            }).toList();
        }
    }
}
