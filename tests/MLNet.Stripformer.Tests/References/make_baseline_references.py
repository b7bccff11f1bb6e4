"""Reference outputs of the classical deblurring baselines, from scikit-image 0.19 (Debian 12's python3-skimage):
Wiener deconvolution of crop0 blurred with OpenCV's Gaussian 11/1.6, told that kernel, balance 0.01, per RGB
channel. Written as float32 planes [3, H, W], little-endian. Run from this folder: /usr/bin/python3.11 make_baseline_references.py"""
import cv2
import numpy as np
from skimage.restoration import wiener

blurred = cv2.cvtColor(cv2.imread("crop0_g11_1.6.png"), cv2.COLOR_BGR2RGB).astype(np.float64) / 255.0
g = cv2.getGaussianKernel(11, 1.6)
psf = g @ g.T
planes = [np.clip(wiener(blurred[:, :, c], psf, balance=0.01), 0, 1) for c in range(3)]
np.stack(planes).astype("<f4").tofile("wiener_crop0_g11_1.6_b0.01.bin")
print("written", blurred.shape)
