#!/bin/bash
# GPU check for issue 3: can TorchSharp 0.107 (built for libtorch 2.10) train on CUDA with the machine's PyTorch 2.11 libraries?
exec > >(tee "$OUT/gpu.log") 2>&1
set -x
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.is_available())"
TORCH_LIB=$(python3 -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
ls "$TORCH_LIB" | head -40
strings -a /usr/lib/x86_64-linux-gnu/libstdc++.so.6 | grep -c GLIBCXX_3.4.32
mkdir -p /tmp/cli && tar -xJf .gpu/cli.tar.xz -C /tmp/cli
export STRIPFORMER_LIBTORCH_DIR="$TORCH_LIB" STRIPFORMER_NATIVE_CACHE=/tmp/native DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 LD_LIBRARY_PATH="$TORCH_LIB:$LD_LIBRARY_PATH"
python3 - <<'PY'
import ctypes, torch, os
lib = os.path.join(os.path.dirname(torch.__file__), 'lib')
for name in ['libc10.so', 'libtorch_cpu.so', 'libc10_cuda.so', 'libtorch_cuda.so', 'libtorch.so']:
    ctypes.CDLL(os.path.join(lib, name), mode=ctypes.RTLD_GLOBAL)
try:
    ctypes.CDLL('/tmp/cli/libLibTorchSharp.so', mode=ctypes.RTLD_NOW)
    print('dlopen RTLD_NOW of libLibTorchSharp.so against torch', torch.__version__, ': OK')
except OSError as e:
    print('dlopen RTLD_NOW failed:', e)
PY
timeout 120 /tmp/cli/stripformer info --config seed 2>&1 | tail -8
timeout 240 /tmp/cli/stripformer train --train samples/photos --val samples/photos --output /tmp/run-bf16 --crop 128 --batch 8 --crops-per-image 8 --epochs 3 --device Cuda --precision BFloat16 --output-mode Residual --lr 5e-4 2>&1 | tail -15
timeout 120 /tmp/cli/stripformer train --train samples/photos --output /tmp/run-fp32 --crop 128 --batch 8 --crops-per-image 8 --epochs 2 --device Cuda --precision Float32 --output-mode Residual 2>&1 | tail -8
ls -la /tmp/run-bf16 2>&1
cp /tmp/run-bf16/metrics.csv "$OUT/metrics-bf16.csv" 2>/dev/null
echo done
