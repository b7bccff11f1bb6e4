"""Exports the PyTorch reference Stripformer (tests/MLNet.Stripformer.Torch.Tests/References/stripformer_reference.py)
with PyTorch's own ONNX exporter, opset 13, symbolic H and W: the baseline our exporter's graph is measured against.

    /usr/bin/python3.11 benchmarks/onnx/export_pytorch_reference.py seed /tmp/pytorch-seed-opset13.onnx [/tmp/seed.pth]

Debian 12's python3-torch (1.13). The weights are random (seed 0): only speed is compared with it. The optional third
argument also saves them as a state_dict, for `stripformer export --checkpoint /tmp/seed.pth --config seed`, so that
both graphs carry the same weights."""
import sys
import pathlib
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests/MLNet.Stripformer.Torch.Tests/References"))
from stripformer_reference import Stripformer  # noqa: E402

CONFIGS = {
    "seed": dict(c1=32, c2=64, c3=128, heads=2, dec_dim=64, dec_heads=2, sigmoid=True, shift=0.0),
    "paper": dict(c1=64, c2=128, c3=320, heads=5, dec_dim=192, dec_heads=3, sigmoid=False, shift=-0.5),
}

config, output = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
model = Stripformer(**CONFIGS[config]).eval()
example = torch.rand(1, 3, 256, 448)
torch.onnx.export(model, example, output, opset_version=13, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {2: "height", 3: "width"}, "output": {2: "height", 3: "width"}})
print(f"wrote {output}")
if len(sys.argv) > 3:
    torch.save(model.state_dict(), sys.argv[3])
    print(f"wrote {sys.argv[3]}")
