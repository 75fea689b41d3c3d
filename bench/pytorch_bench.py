#!/usr/bin/python3
"""The PyTorch side of the Layerwise benchmarks: the same workloads, hyperparameters and data as
dev.layerwise.bench.Workload, written as a PyTorch user would. One measurement per process, printed
as one JSON line (the same fields as the Java side).

    /usr/bin/python3 bench/pytorch_bench.py train --workload mlp --threads 2 [--examples 0] [--warmup 0] [--epochs 1]
        (a fresh model's first epoch, then --epochs steady epochs; 0 = the first only)
    /usr/bin/python3 bench/pytorch_bench.py matmul --threads 2 [--size 1024] [--repeats 10]
"""
import argparse, gzip, json, os, sys, time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

DATA = os.environ.get("LAYERWISE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")

# name: (batch size, learning rate, momentum, records gradients) -- as in Workload.java
WORKLOADS = {"mlp": (128, 0.02, 0.9, False), "lenet": (128, 0.02, 0.9, False), "sigmoid": (10, 0.1, 0.0, True)}


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(n):
    """The data set as NumPy arrays, pixels scaled to [0, 1] as float32: where a PyTorch user's data is
    before it becomes tensors."""
    x, y = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    if n:
        x, y = x[:n], y[:n]
    tx, ty = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")
    return x.astype(np.float32) / 255.0, y.astype(np.int64), tx.astype(np.float32) / 255.0, ty.astype(np.int64)


def tensors(x, y, images):
    """NumPy arrays as tensors, the way PyTorch users make them (torch.from_numpy shares the memory)."""
    t = torch.from_numpy(x)
    return (t.reshape(-1, 1, 28, 28) if images else t.reshape(-1, 784)), torch.from_numpy(y)


def model(workload):
    if workload == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    elif workload == "lenet":
        net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                            nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    else:
        net = nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), nn.Linear(30, 30), nn.Sigmoid(),
                            nn.Linear(30, 30), nn.Sigmoid(), nn.Linear(30, 10))
    for m in net:
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            if workload == "sigmoid":
                nn.init.normal_(m.weight, 0.0, 1.0)
            else:
                nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


class Recorder:
    """Per parameter: gradient L2 norm, mean |g|, std, max |g|; weight norm and |dw| / |w| after the step."""

    def __init__(self, net):
        self.params = list(net.parameters())
        self.rows = []

    def after_backward(self):
        self.before = [p.detach().clone() for p in self.params]
        self.grad_stats = [torch.stack([g.norm(), g.abs().mean(), g.std(unbiased=False), g.abs().max()])
                           for g in (p.grad for p in self.params)]

    def after_step(self):
        stats = []
        for p, b, g in zip(self.params, self.before, self.grad_stats):
            w = p.detach()
            wn = w.norm()
            stats.append(torch.cat([g, torch.stack([wn, (w - b).norm() / wn])]))
        self.rows.append(torch.stack(stats).tolist())  # one transfer per step, as values a user can plot


def epoch(net, opt, x, y, batch, gen, recorder=None):
    order = torch.randperm(len(y), generator=gen)
    for start in range(0, len(y), batch):
        rows = order[start:start + batch]
        xb, yb = x[rows], y[rows]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(xb), yb)
        loss.backward()
        if recorder:
            recorder.after_backward()
        opt.step()
        if recorder:
            recorder.after_step()


def train(args):
    """Warm-up on a throw-away model; then a fresh model's first epoch, timed from the data set's
    tensors to the epoch's end; test accuracy after it; then --epochs steady epochs, timed alone."""
    batch, lr, momentum, records = WORKLOADS[args.workload]
    images = args.workload == "lenet"
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    nx, ny, ntx, nty = load(args.examples)
    k = len(ny) if args.warmup <= 0 else min(len(ny), args.warmup * batch)
    wx, wy = tensors(nx[:k].copy(), ny[:k].copy(), images)
    for _ in range(3):  # as many throw-away models as the Java sides train (RunResult.WARMUP_MODELS)
        warm = model(args.workload)
        epoch(warm, torch.optim.SGD(warm.parameters(), lr=lr, momentum=momentum), wx, wy, batch, gen,
              Recorder(warm) if records else None)
    t0, c0 = time.perf_counter(), time.thread_time()
    x, y = tensors(nx, ny, images)
    net = model(args.workload)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    recorder = Recorder(net) if records else None
    epoch(net, opt, x, y, batch, gen, recorder)
    first, first_cpu = time.perf_counter() - t0, time.thread_time() - c0
    if recorder and not recorder.rows:
        raise SystemExit("the recorder recorded nothing")
    tx, ty = tensors(ntx, nty, images)
    with torch.no_grad():
        accuracy = (net(tx).argmax(1) == ty).float().mean().item()
    t1, c1 = time.perf_counter(), time.thread_time()
    for _ in range(args.epochs):
        epoch(net, opt, x, y, batch, gen, recorder)
    seconds = time.perf_counter() - t1 if args.epochs else first
    cpu = time.thread_time() - c1 if args.epochs else first_cpu
    params = sum(p.numel() for p in net.parameters())
    n = len(y)
    print(json.dumps({"impl": "pytorch", "workload": args.workload, "threads": args.threads, "examples": n,
                      "first_seconds": round(first, 4), "seconds": round(seconds, 4), "steady_epochs": args.epochs,
                      "examples_per_s": round(n * max(1, args.epochs) / seconds, 1),
                      "first_cpu_seconds": round(first_cpu, 4), "cpu_seconds": round(cpu, 4),
                      "accuracy": round(accuracy, 4), "params": params, "seed": args.seed, "torch": torch.__version__}))


def matmul(args):
    a = torch.rand(args.size, args.size) * 2 - 1
    b = torch.rand(args.size, args.size) * 2 - 1
    for _ in range(3):
        a @ b
    best = 0.0
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        a @ b
        best = max(best, 2.0 * args.size ** 3 / (time.perf_counter() - t0) / 1e9)
    print(json.dumps({"impl": "pytorch", "matmul": args.size, "threads": args.threads, "gflops": round(best, 2)}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["train", "matmul"])
    ap.add_argument("--workload", choices=sorted(WORKLOADS), default="mlp")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--warmup", type=int, default=0, help="batches of the throw-away model; 0 = one epoch")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42, help="initial weights and shuffle order")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--repeats", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    train(args) if args.command == "train" else matmul(args)


if __name__ == "__main__":
    sys.exit(main())
