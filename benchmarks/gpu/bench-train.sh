#!/bin/bash
# Issue 3: bfloat16 versus float32 training throughput on CUDA (in-memory pairs, so the loader is not the limit).
exec > >(tee "$OUT/bench.log") 2>&1
TORCH_LIB=$(python3 -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
mkdir -p /tmp/cli && tar -xJf .gpu/cli.tar.xz -C /tmp/cli
export STRIPFORMER_LIBTORCH_DIR="$TORCH_LIB" STRIPFORMER_NATIVE_CACHE=/tmp/native DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 LD_LIBRARY_PATH="$TORCH_LIB:$LD_LIBRARY_PATH" TERM=dumb
for p in Float32 BFloat16; do
  timeout 100 /tmp/cli/stripformer bench-train --device Cuda --precision $p --crop 256 --batch 16 --steps 60 --photo samples/photos/scribus-template__br2_sunset.jpg 2>&1 | tail -1
  timeout 100 /tmp/cli/stripformer bench-train --device Cuda --precision $p --crop 128 --batch 4 --steps 60 --photo samples/photos/scribus-template__br2_sunset.jpg 2>&1 | tail -1
done
nvidia-smi --query-gpu=name --format=csv,noheader
