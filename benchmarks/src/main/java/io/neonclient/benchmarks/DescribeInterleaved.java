package io.neonclient.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * {@link PublicDescribeBenchmark}'s three paths in one JVM, interleaved in short blocks, for a machine whose load swings
 * between JMH forks: prints wall and process CPU time per call of each block, then the totals and the SDK's
 * throughput as a fraction of each raw path's. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.neonclient.benchmarks.DescribeInterleaved [rounds] [calls per block]}.
 */
public final class DescribeInterleaved {
    private DescribeInterleaved() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PublicDescribeBenchmark b = new PublicDescribeBenchmark();
        b.start();
        try {
            for (int i = 0; i < 5000; i++) {
                b.sdk();
                b.rawTree();
                b.rawMap();
            }
            String[] paths = {"sdk", "rawTree", "rawMap"};
            long[] wall = new long[3];
            long[] cpu = new long[3];
            for (int round = 0; round < rounds; round++) {
                for (int p = 0; p < paths.length; p++) {
                    long c0 = os.getProcessCpuTime();
                    long w0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        switch (p) {
                            case 0 -> b.sdk();
                            case 1 -> b.rawTree();
                            default -> b.rawMap();
                        }
                    }
                    long w = System.nanoTime() - w0;
                    long c = os.getProcessCpuTime() - c0;
                    wall[p] += w;
                    cpu[p] += c;
                    System.out.printf("%-8s %6.0f us/call wall, %6.0f us/call cpu%n", paths[p], w / 1e3 / calls, c / 1e3 / calls);
                }
            }
            long n = (long) rounds * calls;
            for (int p = 0; p < paths.length; p++) {
                System.out.printf("total %-8s %6.0f us/call wall, %6.0f us/call cpu%n", paths[p], wall[p] / 1e3 / n, cpu[p] / 1e3 / n);
            }
            System.out.printf("sdk throughput / rawTree %.2f, / rawMap %.2f%n", (double) wall[1] / wall[0], (double) wall[2] / wall[0]);
        } finally {
            b.stop();
        }
    }
}
