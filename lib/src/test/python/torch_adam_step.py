"""One step of torch.optim.Adam or AdamW from given state, for AdamTorchStepTest.

Reads JSON from stdin: w, m, v, g (lists of floats), t (updates already made), lr, weight_decay,
decoupled (AdamW when true). Sets the optimizer's state to (m, v, t), the gradient to g, takes
one step and prints the new weights as JSON.
"""
import json
import sys

import torch

case = json.load(sys.stdin)
w = torch.nn.Parameter(torch.tensor(case["w"], dtype=torch.float32))
kind = torch.optim.AdamW if case["decoupled"] else torch.optim.Adam
opt = kind([w], lr=case["lr"], betas=(0.9, 0.999), eps=1e-8, weight_decay=case["weight_decay"])
opt.state[w] = {
    "step": torch.tensor(float(case["t"])),
    "exp_avg": torch.tensor(case["m"], dtype=torch.float32),
    "exp_avg_sq": torch.tensor(case["v"], dtype=torch.float32),
}
w.grad = torch.tensor(case["g"], dtype=torch.float32)
opt.step()
print(json.dumps([float(x) for x in w.detach()]))
