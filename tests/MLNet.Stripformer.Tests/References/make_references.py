#!/usr/bin/python3
"""Regenerates the reference values the tests compare against (OpenCV 4.6 and scikit-image 0.19, Debian 12:
apt-get install python3-opencv python3-skimage). Run from the repository root:
    /usr/bin/python3 tests/MLNet.Stripformer.Tests/References/make_references.py
Writes crops of public-domain/CC0 photos (inputs), OpenCV's GaussianBlur of each crop, SHA-256 digests of
OpenCV's GaussianBlur of whole PNG photos read in place from ../shared, and scikit-image PSNR/SSIM values."""
import hashlib, json, os, warnings
import cv2
import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

warnings.simplefilter("ignore", RuntimeWarning)  # PSNR of identical images is +inf by definition
ROOT = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(ROOT, "..", "..", "..", "..", "shared", "data", "photos")
KERNELS = [(3, 0.3), (5, 0.8), (7, 1.0), (9, 2.0), (11, 1.6), (15, 3.0), (21, 3.5)]
# (photo, x, y, w, h): public domain or CC0 only, since the crops are committed.
CROPS = [
    ("val/scribus-template__br2_sunset.jpg", 400, 300, 192, 128),
    ("train/scribus-template__br2_moon.jpg", 300, 200, 160, 120),
    ("train/python3-skimage__hubble_deep_field.jpg", 500, 400, 128, 96),
]
WHOLE = ["val/lxqt-themes__drop.png", "train/lxqt-themes__cloud.png",
         "train/libjxl-testdata__tmshre_riaphotographs_srgb8.png", "train/python3-skimage__ihc.png"]

def num(v): return v if np.isfinite(v) else ("Infinity" if v > 0 else "-Infinity")
def rgb(bgr): return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
def ssim(a, b): return structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, channel_axis=2, data_range=255)

refs = {"crops": [], "whole": [], "metrics": []}
for i, (photo, x, y, w, h) in enumerate(CROPS):
    img = cv2.imread(os.path.join(SHARED, photo), cv2.IMREAD_COLOR)[y:y + h, x:x + w]
    name = f"crop{i}.png"
    cv2.imwrite(os.path.join(ROOT, name), img)
    entry = {"photo": photo, "input": name, "blurred": {}}
    for k, s in KERNELS:
        out = cv2.GaussianBlur(img, (k, k), s)
        bname = f"crop{i}_g{k}_{s}.png"
        cv2.imwrite(os.path.join(ROOT, bname), out)
        entry["blurred"][f"gaussian:{k}:{s}"] = bname
        if (k, s) in [(3, 0.3), (7, 1.0), (11, 1.6)]:
            a, b = rgb(img), rgb(out)
            refs["metrics"].append({"reference": name, "candidate": bname,
                                    "psnr": num(peak_signal_noise_ratio(a, b)), "ssim": ssim(a, b)})
    refs["crops"].append(entry)

rng = np.random.default_rng(1)
base = cv2.imread(os.path.join(ROOT, "crop0.png"))
noisy = np.clip(base.astype(np.int16) + rng.integers(-20, 21, base.shape), 0, 255).astype(np.uint8)
cv2.imwrite(os.path.join(ROOT, "crop0_noisy.png"), noisy)
refs["metrics"].append({"reference": "crop0.png", "candidate": "crop0_noisy.png",
                        "psnr": num(peak_signal_noise_ratio(rgb(base), rgb(noisy))), "ssim": ssim(rgb(base), rgb(noisy))})

for photo in WHOLE:
    img = cv2.imread(os.path.join(SHARED, photo), cv2.IMREAD_COLOR)
    for k, s in KERNELS:
        out = rgb(cv2.GaussianBlur(img, (k, k), s))
        refs["whole"].append({"photo": photo, "kernel": f"gaussian:{k}:{s}",
                              "width": img.shape[1], "height": img.shape[0],
                              "sha256": hashlib.sha256(np.ascontiguousarray(out).tobytes()).hexdigest()})

with open(os.path.join(ROOT, "references.json"), "w") as f:
    json.dump(refs, f, indent=1)
print("written", len(refs["crops"]), "crops,", len(refs["whole"]), "whole-photo digests,", len(refs["metrics"]), "metric pairs")
