package dev.layerwise.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of the benchmark JVMs that {@code bench/run} starts, one measurement per process:
 * <pre>
 *   train  --impl layerwise|djl --workload mlp|lenet|sigmoid [--threads 2] [--examples 0] [--warmup 0] [--epochs 1]
 *          (a fresh model's first epoch, then --epochs steady epochs; 0 = the first only)
 *          [--seed 42]
 *   matmul [--threads 2] [--size 1024] [--repeats 10]
 *   memory [--threads 2] [--examples 10000] [--fits 10]
 *   saveload [--repeats 5]
 *   augment --workload mlp|lenet [--threads 2] [--epochs 2] [--repeats 3]
 * </pre>
 * Each prints JSON lines on standard output.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("expected a command: train, matmul, memory, saveload or augment");
        }
        Map<String, String> opts = options(args);
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        switch (args[0]) {
            case "train": {
                Workload w = Workload.of(opts.getOrDefault("workload", "mlp"));
                int examples = Integer.parseInt(opts.getOrDefault("examples", "0"));
                int warmup = Integer.parseInt(opts.getOrDefault("warmup", "0"));
                int epochs = Integer.parseInt(opts.getOrDefault("epochs", "1"));
                long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
                String impl = opts.getOrDefault("impl", "layerwise");
                RunResult r = impl.equals("djl") ? DjlRun.run(w, threads, examples, warmup, epochs, seed)
                        : impl.equals("layerwise") ? LayerwiseRun.run(w, threads, examples, warmup, epochs, seed)
                        : unknown(impl);
                System.out.println(r.json());
                break;
            }
            case "matmul":
                System.out.println(MatmulCeiling.measure(threads, Integer.parseInt(opts.getOrDefault("size", "1024")),
                        Integer.parseInt(opts.getOrDefault("repeats", "10"))));
                break;
            case "memory":
                MemoryRun.run(threads, Integer.parseInt(opts.getOrDefault("examples", "10000")),
                        Integer.parseInt(opts.getOrDefault("fits", "10")));
                break;
            case "saveload":
                try {
                    SaveLoadRun.run(Integer.parseInt(opts.getOrDefault("repeats", "5")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                break;
            case "augment":
                System.out.println(AugmentRun.run(Workload.of(opts.getOrDefault("workload", "mlp")), threads,
                        Integer.parseInt(opts.getOrDefault("epochs", "2")),
                        Integer.parseInt(opts.getOrDefault("repeats", "3"))));
                break;
            default:
                throw new IllegalArgumentException("unknown command '" + args[0] + "'; expected train, matmul, memory,"
                        + " saveload or augment");
        }
    }

    private static RunResult unknown(String impl) {
        throw new IllegalArgumentException("unknown --impl '" + impl + "'; expected layerwise or djl");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs after the command, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
