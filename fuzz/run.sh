#!/usr/bin/env bash
# Fuzzes one target with AFL++ through SharpFuzz, for a fixed time, then prints the figures and replays findings.
#   fuzz/run.sh image|onnx|checkpoint [SECONDS=1200]
# Needs: afl++ (apt install afl++) and the SharpFuzz tool (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0).
# Everything it writes goes under fuzz/out/TARGET (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh image|onnx|checkpoint [SECONDS]}
seconds=${2:-1200}
case "$target" in
  image) instrument=(MLNet.Stripformer.dll SixLabors.ImageSharp.dll) ;;
  onnx) instrument=(MLNet.Stripformer.dll) ;;
  checkpoint) instrument=(MLNet.Stripformer.Torch.dll TorchSharp.PyBridge.dll Razorvine.Pickle.dll) ;;
  *) echo "error: unknown target '$target' (image, onnx or checkpoint)" >&2; exit 2 ;;
esac
for tool in afl-fuzz sharpfuzz; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH (see fuzz/README.md)" >&2; exit 1; }
done

work=fuzz/out/$target
rm -rf "$work" && mkdir -p "$work/seeds"
# Two copies: "plain" writes the seeds and replays findings (instrumented code only runs under afl-fuzz).
dotnet publish fuzz/MLNet.Stripformer.Fuzz -c Release -o "$work/plain" --nologo -v quiet
cp -r "$work/plain" "$work/bin"
for dll in "${instrument[@]}"; do sharpfuzz "$work/bin/$dll"; done
harness=(dotnet "$work/bin/MLNet.Stripformer.Fuzz.dll" "$target")
plain=(dotnet "$work/plain/MLNet.Stripformer.Fuzz.dll" "$target")

"${plain[@]}" seeds "$work/seeds"
case "$target" in
  image)
    # The odd files and the sample photos, except the large ones (AFL++ works best on small inputs).
    find ../shared/data/odd samples/photos -type f -size -300k ! -name '*.tsv' ! -name '*.md' -exec cp {} "$work/seeds/" \; ;;
  onnx) cp tests/MLNet.Stripformer.Tests/References/tiny-stripformer.onnx "$work/seeds/" ;;
  checkpoint) cp tests/MLNet.Stripformer.Torch.Tests/References/tiny_{state_dict,checkpoint}.pth "$work/seeds/" ;;
esac

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -t 10000 -m none -i "$work/seeds" -o "$work/findings" -- "${harness[@]}" afl > "$work/afl.log" 2>&1 || {
  echo "error: afl-fuzz failed; the end of $work/afl.log:" >&2; tail -20 "$work/afl.log" >&2; exit 1; }

stats=$work/findings/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs) ' "$stats"
shopt -s nullglob
findings=("$work"/findings/default/crashes/id:* "$work"/findings/default/hangs/id:*)
echo "the final corpus, replayed outside the fuzzer (peak memory of the whole replay):"
/usr/bin/time -f "peak RSS %M KB, %e s" "${plain[@]}" replay "$work"/findings/default/queue/id:* | tail -1
if (( ${#findings[@]} > 0 )); then
  echo "findings: ${#findings[@]}; replaying them:"
  "${plain[@]}" replay "${findings[@]}" || true
else
  echo "findings: none"
fi
