package io.neonclient.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PublicDescribeBenchmark}'s three paths interleaved call by call inside one JMH benchmark: every invocation
 * sends one {@code storcon.tenant(t).describe()} and one describe by each raw client ({@code rawTree}, {@code rawMap}),
 * each path with an {@code HttpClient} (connection, selector thread) of its own, in each of the six orders in turn,
 * and adds each call's wall time to its path's counter ({@code sdkNanos}, {@code rawTreeNanos}, {@code rawMapNanos};
 * JMH prints their totals). A 2-core VM moves a loopback call's throughput between levels ±15 % apart from one fork to
 * the next, and within a fork over seconds: measured apart, the two nearly identical raw clients came out up to 19 %
 * apart; interleaved per call, every level and drift falls on all three paths alike (the raw clients then came out
 * within 3.5 %), so the ratio of the counters is the SDK's throughput as a fraction of a raw client's. {@code benchmarks/describe-jmh.sh} runs it and prints the ratios ({@link JmhRatios}).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar InterleavedDescribeBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InterleavedDescribeBenchmark {

    /** Wall time per path, summed over the iteration's calls. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Nanos {
        public long sdkNanos;
        public long rawTreeNanos;
        public long rawMapNanos;
        int invocation;

        @Setup(Level.Iteration)
        public void clear() {
            sdkNanos = 0;
            rawTreeNanos = 0;
            rawMapNanos = 0;
        }
    }

    /** Every order of the three paths, taken in turn: each path runs first, last, and right after each other as often. */
    private static final int[][] ORDERS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    @Benchmark
    public void interleaved(PublicDescribeBenchmark paths, Nanos nanos, Blackhole sink) throws IOException {
        for (int path : ORDERS[nanos.invocation++ % ORDERS.length]) {
            long start = System.nanoTime();
            switch (path) {
                case 0 -> sink.consume(paths.sdk());
                case 1 -> sink.consume(paths.rawTree());
                default -> sink.consume(paths.rawMap());
            }
            long took = System.nanoTime() - start;
            switch (path) {
                case 0 -> nanos.sdkNanos += took;
                case 1 -> nanos.rawTreeNanos += took;
                default -> nanos.rawMapNanos += took;
            }
        }
    }
}
