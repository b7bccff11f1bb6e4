#!/bin/bash
# Issue 5 groundwork on the lent H200: train the seed network on the training photos with CUDA + bfloat16.
exec > >(tee "$OUT/train.log") 2>&1
TORCH_LIB=$(python3 -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
mkdir -p /tmp/cli && tar -xJf .gpu/cli.tar.xz -C /tmp/cli
export STRIPFORMER_LIBTORCH_DIR="$TORCH_LIB" STRIPFORMER_NATIVE_CACHE=/tmp/native DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 LD_LIBRARY_PATH="$TORCH_LIB:$LD_LIBRARY_PATH" TERM=dumb
date -u
timeout -s INT 440 /tmp/cli/stripformer train --train .gpu/data/train --val .gpu/data/val --output /tmp/train \
  --config seed --output-mode Residual --crop 256 --batch 16 --crops-per-image 32 --epochs 8 \
  --lr 4e-4 --schedule Cosine --precision BFloat16 --device Cuda --seed 1 2>&1 | grep -v "^\s*$" | tail -40
date -u
ls -la /tmp/train
python3 - <<'PY'
import zipfile, os, shutil
out = os.environ['OUT']
for name in ('best.ckpt', 'last.ckpt'):
    path = os.path.join('/tmp/train', name)
    if os.path.exists(path):
        with zipfile.ZipFile(path) as z:
            open(os.path.join(out, name.replace('.ckpt', '-model.pth')), 'wb').write(z.read('model.pth'))
            open(os.path.join(out, name.replace('.ckpt', '-checkpoint.json')), 'wb').write(z.read('checkpoint.json'))
if os.path.exists('/tmp/train/metrics.csv'):
    shutil.copy('/tmp/train/metrics.csv', out)
print(os.listdir(out))
PY
nvidia-smi --query-gpu=name,utilization.gpu,memory.used --format=csv
