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

# Losses, as the reference code computes them, on fixed tensors (the contrastive loss with a tiny fixed feature net).
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def charbonnier(x, y, eps=1e-3):
    return torch.mean(torch.sqrt((x - y) ** 2 + eps ** 2))


k = torch.Tensor([[.05, .25, .4, .25, .05]])
gauss = torch.matmul(k.t(), k).unsqueeze(0).repeat(3, 1, 1, 1)


def conv_gauss(img):
    return F.conv2d(F.pad(img, (2, 2, 2, 2), mode="replicate"), gauss, groups=3)


def laplacian(current):
    filtered = conv_gauss(current)
    new_filter = torch.zeros_like(filtered)
    new_filter[:, :, ::2, ::2] = filtered[:, :, ::2, ::2] * 4
    return current - conv_gauss(new_filter)


torch.manual_seed(11)
sharp = torch.rand(2, 3, 16, 20)
blurred = conv_gauss(sharp)
blurred[:, :, :8, :] = sharp[:, :, :8, :]  # top half identical: masked out of the contrastive term
pred = (sharp + blurred) / 2 + 0.01 * torch.randn(2, 3, 16, 20)
features = nn.Sequential(nn.Conv2d(3, 4, 3, stride=4, padding=1), nn.ReLU())
fp, fs, fb = features(pred), features(sharp), features(blurred)
mask = (torch.mean(torch.abs(sharp - blurred), dim=1, keepdim=True) > 0.01).float()
mask = F.interpolate(mask, size=fp.shape[2:], mode="bilinear", align_corners=False)
d_ap = torch.mean(torch.abs(fp - fs), dim=1, keepdim=True)
d_an = torch.mean(torch.abs(fp - fb), dim=1, keepdim=True)
contrastive = torch.sum(mask * d_ap / (d_an + 1e-7)) / torch.sum(mask)
torch.save({"pred": pred.detach(), "sharp": sharp, "blurred": blurred.detach(),
            "features.0.weight": features[0].weight.detach(), "features.0.bias": features[0].bias.detach(),
            "charbonnier": charbonnier(pred, sharp).detach().reshape(1),
            "edge": charbonnier(laplacian(pred), laplacian(sharp)).detach().reshape(1),
            "contrastive": contrastive.detach().reshape(1)}, os.path.join(ROOT, "losses.pth"))
print("losses written")
