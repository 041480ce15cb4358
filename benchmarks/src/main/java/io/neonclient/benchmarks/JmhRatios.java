package io.neonclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads JMH JSON results ({@code -rf json}) of {@link InterleavedDescribeBenchmark} and prints, per path, the mean wall
 * time of a call, then the SDK's throughput as a fraction of each raw client's ({@code rawNanos / sdkNanos} over all
 * forks) with a bootstrap 95 % interval (forks resampled with replacement, 10,000 times), then {@code rawTree/rawMap}:
 * the two raw clients differ only in what Jackson builds, so their ratio shows what noise alone does to a ratio; and
 * {@code rawTreeBuilt/rawTree}: what building its request on every call costs a raw client.
 * Run by {@code benchmarks/describe-jmh.sh}; usage: {@code JmhRatios result.json...}.
 */
public final class JmhRatios {
    private JmhRatios() {}

    private static final String[] PATHS = {"sdk", "rawTree", "rawMap", "rawTreeBuilt"};

    /** One fork: wall nanoseconds per path, and calls per path (every invocation makes one call on each). */
    private record Fork(double[] nanos, double calls) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JmhRatios <JMH result.json>...");
            System.exit(2);
        }
        List<Fork> forks = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : mapper.readTree(Path.of(file).toFile())) {
                double seconds = Double.parseDouble(run.path("measurementTime").asText().replaceAll("[^0-9.]", ""));
                JsonNode primary = run.path("primaryMetric").path("rawData");
                for (int f = 0; f < primary.size(); f++) {
                    double calls = 0;
                    for (JsonNode opsPerSecond : primary.get(f)) {
                        calls += opsPerSecond.asDouble() * seconds;
                    }
                    double[] nanos = new double[PATHS.length];
                    for (int p = 0; p < PATHS.length; p++) {
                        JsonNode counter = run.path("secondaryMetrics").path(PATHS[p] + "Nanos").path("rawData");
                        if (counter.size() != primary.size()) {
                            throw new IllegalArgumentException(file + " has no " + PATHS[p] + "Nanos counter for every fork: is it InterleavedDescribeBenchmark's?");
                        }
                        for (JsonNode iteration : counter.get(f)) {
                            nanos[p] += iteration.asDouble();
                        }
                    }
                    forks.add(new Fork(nanos, calls));
                }
            }
        }
        double calls = forks.stream().mapToDouble(Fork::calls).sum();
        for (int p = 0; p < PATHS.length; p++) {
            int path = p;
            System.out.printf("%-12s %6.1f us per call (%d forks, %.0f calls)%n", PATHS[p],
                    forks.stream().mapToDouble(f -> f.nanos()[path]).sum() / calls / 1e3, forks.size(), calls);
        }
        ratio(forks, 1, 0);
        ratio(forks, 2, 0);
        ratio(forks, 3, 0);
        ratio(forks, 2, 1);
        ratio(forks, 1, 3);
    }

    /** Throughput of path {@code over} as a fraction of path {@code of}'s: their time per call, inverted. */
    private static void ratio(List<Fork> forks, int of, int over) {
        SplittableRandom random = new SplittableRandom(17);
        double[] boot = new double[10_000];
        for (int i = 0; i < boot.length; i++) {
            double a = 0;
            double b = 0;
            for (int k = 0; k < forks.size(); k++) {
                Fork f = forks.get(random.nextInt(forks.size()));
                a += f.nanos()[of];
                b += f.nanos()[over];
            }
            boot[i] = a / b;
        }
        Arrays.sort(boot);
        double a = forks.stream().mapToDouble(f -> f.nanos()[of]).sum();
        double b = forks.stream().mapToDouble(f -> f.nanos()[over]).sum();
        System.out.printf("%s/%s %.3f  (95 %% interval over forks %.3f to %.3f)%n", PATHS[over], PATHS[of], a / b,
                boot[(int) (boot.length * 0.025)], boot[(int) (boot.length * 0.975)]);
    }
}
