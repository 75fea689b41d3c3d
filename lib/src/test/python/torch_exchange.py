#!/usr/bin/env python3
"""The PyTorch side of TorchExchangeTest: Layerwise weights in PyTorch, PyTorch weights in Layerwise.

    torch_exchange.py load DIR
        Builds the model in DIR/model.py (TorchNames.python's output) twice, loads
        DIR/weights.safetensors into one and DIR/weights.npz into the other with
        load_state_dict(strict=True), and writes their eval-mode outputs on DIR/inputs.npz's "x"
        to DIR/from_safetensors.npy and DIR/from_npz.npy.

    torch_exchange.py train DIR
        Builds the same model from a fixed seed, trains it 30 Adam steps on DIR/train.npz
        ("x", "y"), then writes its state_dict to DIR/torch.safetensors (float32),
        DIR/torch.npz (float32, np.savez) and DIR/torch64.npz (float64), and its eval-mode
        outputs on "x_test" to DIR/torch_predictions.npy.

safetensors is read and written here by hand (the format is an 8-byte little-endian header
length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian bytes),
so the test needs only Debian's python3-torch and python3-numpy.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

SAFETENSORS_TYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16,
    "I64": np.int64, "I32": np.int32, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_,
}


def read_safetensors(path):
    """Returns {name: tensor}; checks that the arrays tile the data exactly, as the format requires."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, shorter than the header length")
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length].decode("utf-8"))
    body = data[8 + length:]
    tensors, spans = {}, []
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = np.dtype(SAFETENSORS_TYPES[info["dtype"]]).newbyteorder("<")
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize:
            raise ValueError(f"{path}: {name} spans {end - begin} bytes, its shape needs {count * dtype.itemsize}")
        spans.append((begin, end))
        values = np.frombuffer(body, dtype=dtype, count=count, offset=begin).reshape(info["shape"])
        tensors[name] = torch.from_numpy(values.astype(dtype.newbyteorder("=")))
    position = 0
    for begin, end in sorted(spans):
        if begin != position:
            raise ValueError(f"{path}: a gap or overlap at byte {position}")
        position = end
    if position != len(body):
        raise ValueError(f"{path}: the arrays cover {position} of {len(body)} data bytes")
    return tensors


def write_safetensors(path, tensors):
    names = {np.dtype(t): name for name, t in SAFETENSORS_TYPES.items()}
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        values = tensor.detach().cpu().contiguous().numpy()
        raw = values.astype(values.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[values.dtype], "shape": list(values.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the header may be padded with spaces to align the data
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def build(folder):
    """Runs the test's own DIR/model.py (TorchNames.python(net)), which defines `model`."""
    scope = {}
    with open(os.path.join(folder, "model.py"), encoding="utf-8") as f:
        exec(f.read(), scope)
    return scope["model"]


def check_state_dict(model, state, source):
    """The file holds exactly the model's names, shapes and element types: nothing converted on the way."""
    expected = model.state_dict()
    if sorted(state) != sorted(expected):
        raise ValueError(f"{source}: names {sorted(state)} differ from the model's {sorted(expected)}")
    for name, tensor in expected.items():
        got = state[name]
        if tuple(got.shape) != tuple(tensor.shape) or got.dtype != tensor.dtype:
            raise ValueError(f"{source}: {name} is {tuple(got.shape)} {got.dtype}, "
                             f"the model has {tuple(tensor.shape)} {tensor.dtype}")


def load(folder):
    x = torch.from_numpy(np.load(os.path.join(folder, "inputs.npz"))["x"])
    readers = {
        "safetensors": lambda p: read_safetensors(p),
        "npz": lambda p: {k: torch.from_numpy(v) for k, v in np.load(p).items()},
    }
    for fmt, read in readers.items():
        model = build(folder)
        path = os.path.join(folder, "weights." + fmt)
        state = read(path)
        check_state_dict(model, state, path)
        model.load_state_dict(state, strict=True)
        model.eval()
        with torch.no_grad():
            out = model(x).numpy()
        np.save(os.path.join(folder, "from_" + fmt + ".npy"), out)
        print(f"{fmt}: loaded {len(state)} arrays, outputs {out.shape}")


def train(folder, steps=30, batch=32):
    data = np.load(os.path.join(folder, "train.npz"))
    x, y = torch.from_numpy(data["x"]), torch.from_numpy(data["y"]).long()
    torch.manual_seed(7)
    model = build(folder)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    model.train()
    for step in range(steps):
        start = (step * batch) % (len(x) - batch + 1)
        loss = nn.functional.cross_entropy(model(x[start:start + batch]), y[start:start + batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        out = model(torch.from_numpy(data["x_test"])).numpy()
    state = model.state_dict()
    write_safetensors(os.path.join(folder, "torch.safetensors"), state)
    np.savez(os.path.join(folder, "torch.npz"), **{k: v.numpy() for k, v in state.items()})
    np.savez(os.path.join(folder, "torch64.npz"),
             **{k: (v.double() if v.is_floating_point() else v).numpy() for k, v in state.items()})
    np.save(os.path.join(folder, "torch_predictions.npy"), out)
    print(f"trained {steps} steps, last loss {loss.item():.4f}; saved {len(state)} arrays, outputs {out.shape}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    {"load": load, "train": train}[sys.argv[1]](sys.argv[2])
