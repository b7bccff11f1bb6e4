"""Summarises an ONNX Runtime profile (from `stripformer bench --profile FILE`): time per operator type and the
slowest operator/shape groups, for the last run in the trace.

    python3 benchmarks/onnx/profile_summary.py FILE.json [top]"""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
runs = [e for e in events if e.get("cat") == "Session" and e["name"] == "model_run"]
last = runs[-1]
start, end = last["ts"], last["ts"] + last["dur"]
by_op, by_shape, count = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    if e.get("cat") == "Node" and e["name"].endswith("_kernel_time") and start <= e["ts"] <= end:
        op = e["args"]["op_name"]
        shape = json.dumps(e["args"].get("input_type_shape"))[:110]
        by_op[op] += e["dur"]
        by_shape[(op, shape)] += e["dur"]
        count[(op, shape)] += 1
total = sum(by_op.values())
print(f"run {last['dur'] / 1000:.0f} ms, kernels {total / 1000:.0f} ms")
print("| operator | ms | share |\n|---|---:|---:|")
for op, t in by_op.most_common(top):
    print(f"| {op} | {t / 1000:.1f} | {100 * t / total:.1f}% |")
print("\n| operator | input shapes | nodes | ms |\n|---|---|---:|---:|")
for (op, shape), t in by_shape.most_common(top):
    print(f"| {op} | `{shape}` | {count[(op, shape)]} | {t / 1000:.1f} |")
