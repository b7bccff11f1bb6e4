#!/usr/bin/python3
"""Regenerates the TorchSharp tests' reference files with Debian 12's PyTorch 1.13 (apt-get install python3-torch).
Run from the repository root: /usr/bin/python3 tests/MLNet.Stripformer.Torch.Tests/References/make_references.py"""
import os
import sys
import torch

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)
from stripformer_reference import Stripformer, SEED, PAPER, TINY  # noqa: E402

torch.manual_seed(7)
for name, cfg in (("seed", SEED), ("paper", PAPER)):
    model = Stripformer(**cfg)
    with open(os.path.join(ROOT, f"state_dict_{name}.tsv"), "w") as f:
        for key, value in model.state_dict().items():
            f.write(f"{key}\t{'x'.join(str(s) for s in value.shape)}\n")
    print(name, sum(p.numel() for p in model.parameters()), len(model.state_dict()))

tiny = Stripformer(**TINY)
with torch.no_grad():  # larger than default weights so that every layer matters in the comparison
    for p in tiny.parameters():
        p.mul_(1.5)
torch.save(tiny.state_dict(), os.path.join(ROOT, "tiny_state_dict.pth"))
torch.save({"epoch": 3, "model_state_dict": tiny.state_dict(), "best_psnr": 27.5}, os.path.join(ROOT, "tiny_checkpoint.pth"))

x_odd = torch.rand(2, 3, 10, 14)
x_square = torch.rand(1, 3, 12, 12)
expected = {"input_odd": x_odd, "input_square": x_square}
tiny.eval()
with torch.no_grad():
    for mode, sigmoid, shift in (("sigmoid", True, 0.0), ("residual", False, -0.5)):
        tiny.sigmoid, tiny.shift = sigmoid, shift
        expected[f"{mode}_odd"] = tiny(x_odd).contiguous().clone()
        expected[f"{mode}_square"] = tiny(x_square).contiguous().clone()
torch.save(expected, os.path.join(ROOT, "tiny_io.pth"))
print("tiny", sum(p.numel() for p in tiny.parameters()), "parameters")
