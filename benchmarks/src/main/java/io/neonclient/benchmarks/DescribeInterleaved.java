package io.neonclient.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link PublicDescribeBenchmark}'s three paths in one JVM, interleaved in short blocks against one fixture server in
 * its own JVM, for a machine whose throughput drifts by more than the difference under test between JMH forks (a
 * 2-core VM drifts ±20 % within a minute): every round runs a block of each path back to back, in a rotating order,
 * so drift hits all three alike, and the SDK's throughput as a fraction of each raw path's is taken per round and its
 * median reported. Also prints what drift cannot blur: the CPU time and the bytes allocated per call on the calling
 * thread, where the SDK's own work (building the request, the token, the retry wrapper, decoding records) runs.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.neonclient.benchmarks.DescribeInterleaved [rounds]
 * [calls per block] [warm-up seconds]} (defaults 40, 1000, 30).
 */
public final class DescribeInterleaved {
    private DescribeInterleaved() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long warmupNanos = (args.length > 2 ? Long.parseLong(args[2]) : 30) * 1_000_000_000L;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        PublicDescribeBenchmark b = new PublicDescribeBenchmark();
        b.start();
        try {
            String[] paths = {"sdk", "rawTree", "rawMap"};
            for (long end = System.nanoTime() + warmupNanos; System.nanoTime() < end; ) {
                for (int p = 0; p < paths.length; p++) {
                    block(b, p, calls);
                }
            }
            long[] wall = new long[3];
            long[] cpu = new long[3];
            long[] bytes = new long[3];
            double[][] ratios = new double[2][rounds];
            for (int round = 0; round < rounds; round++) {
                long[] w = new long[3];
                for (int k = 0; k < paths.length; k++) {
                    int p = (round + k) % paths.length;
                    long c0 = threads.getCurrentThreadCpuTime();
                    long a0 = threads.getCurrentThreadAllocatedBytes();
                    long w0 = System.nanoTime();
                    block(b, p, calls);
                    w[p] = System.nanoTime() - w0;
                    cpu[p] += threads.getCurrentThreadCpuTime() - c0;
                    bytes[p] += threads.getCurrentThreadAllocatedBytes() - a0;
                    wall[p] += w[p];
                }
                ratios[0][round] = (double) w[1] / w[0];
                ratios[1][round] = (double) w[2] / w[0];
                System.out.printf("round %2d  sdk %6.0f  rawTree %6.0f  rawMap %6.0f us/call   sdk/rawTree %.3f  sdk/rawMap %.3f%n", round + 1,
                        w[0] / 1e3 / calls, w[1] / 1e3 / calls, w[2] / 1e3 / calls, ratios[0][round], ratios[1][round]);
            }
            long n = (long) rounds * calls;
            System.out.printf("%nper call, %d rounds of %d calls per path:%n", rounds, calls);
            for (int p = 0; p < paths.length; p++) {
                System.out.printf("  %-8s %6.1f us wall   calling thread: %5.1f us cpu, %6d bytes allocated%n", paths[p], wall[p] / 1e3 / n,
                        cpu[p] / 1e3 / n, bytes[p] / n);
            }
            System.out.printf("SDK throughput as a fraction of raw, median of the rounds: rawTree %.3f, rawMap %.3f (all rounds pooled: %.3f, %.3f)%n",
                    median(ratios[0]), median(ratios[1]), (double) wall[1] / wall[0], (double) wall[2] / wall[0]);
        } finally {
            b.stop();
        }
    }

    private static void block(PublicDescribeBenchmark b, int path, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            switch (path) {
                case 0 -> b.sdk();
                case 1 -> b.rawTree();
                default -> b.rawMap();
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
