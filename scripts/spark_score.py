#!/usr/bin/env python3
"""Score ticket dumps on Apache Spark with the same `escalate` binary as on one machine.

Each partition's records are piped through `escalate score` (JSONL in, JSONL out, input order);
the binary, the model, an optional config and the Lexicons/ folder travel to the executors with
SparkContext.addFile. Records with an `error` field are written to OUTPUT/errors, the rest to
OUTPUT/scored, so nothing is dropped: records in = scored + errors (printed at the end).

  spark-submit scripts/spark_score.py --input 'dumps/*.jsonl' --output out/ \\
      [--model model.json] [--config tuned.toml] [--partitions 64] [--output-format jsonl|parquet] \\
      [--input-format jsonl|csv] [--binary .build/release/escalate] [--lexicons Lexicons]

Without --model, a model is trained once on the driver from Corpora/ and shipped, so every
executor scores with the same model. The Linux binary needs libicu (libicuuc.so.72) and the Swift
runtime libraries on the executors; see README "Scoring at scale".
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def score_partition(binary_name, model_name, config_name, lexicons_name):
    """Returns the function Spark runs per partition (it only sees shipped file names)."""
    def run(lines):
        from pyspark import SparkFiles
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        cmd = [binary, "score", "--jobs", "1", "--quiet", "--model", SparkFiles.get(model_name),
               "--lexicons", SparkFiles.get(lexicons_name)]
        if config_name:
            cmd += ["--config", SparkFiles.get(config_name)]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

        def feed():
            # A separate writer, so a full stdout pipe never deadlocks against a full stdin pipe.
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            finally:
                proc.stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        status = proc.wait()
        if status not in (0, 1):  # 1 only means some records are error records, which we keep
            raise RuntimeError(f"escalate exited with status {status}")
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="file, folder or glob of JSONL (or CSV with a header)")
    ap.add_argument("--output", required=True)
    ap.add_argument("--input-format", choices=["jsonl", "csv"], default="jsonl")
    ap.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    ap.add_argument("--model")
    ap.add_argument("--config")
    ap.add_argument("--partitions", type=int, default=0, help="default: Spark's")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "escalate"))
    ap.add_argument("--lexicons", default=os.path.join(ROOT, "Lexicons"))
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = ap.parse_args()

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("escalate-score")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext

    model = args.model
    if not model:
        model = os.path.join(tempfile.mkdtemp(prefix="escalate-"), "model.json")
        corpora = sorted(os.path.join(ROOT, "Corpora", f) for f in os.listdir(os.path.join(ROOT, "Corpora")) if f.endswith(".jsonl"))
        subprocess.run([args.binary, "train", *corpora, "--output", model], check=True, stderr=subprocess.DEVNULL)
    for path in [args.binary, model] + ([args.config] if args.config else []):
        sc.addFile(os.path.abspath(path))
    sc.addFile(os.path.abspath(args.lexicons), recursive=True)

    if args.input_format == "csv":
        frame = spark.read.csv(args.input, header=True, multiLine=True, escape='"')
        records = frame.rdd.map(lambda row: json.dumps({k: v for k, v in row.asDict().items() if v is not None}, ensure_ascii=False))
    else:
        records = sc.textFile(args.input).filter(lambda line: line.strip() != "")
    if args.partitions:
        records = records.repartition(args.partitions)
    scored = records.mapPartitions(score_partition(
        os.path.basename(args.binary), os.path.basename(model),
        os.path.basename(args.config) if args.config else None, os.path.basename(os.path.abspath(args.lexicons))))
    scored.cache()
    is_error = lambda line: '"error":' in line and "error" in json.loads(line)
    good, bad = scored.filter(lambda l: not is_error(l)), scored.filter(is_error)
    if args.output_format == "parquet":
        spark.read.json(good).write.mode("overwrite").parquet(os.path.join(args.output, "scored"))
    else:
        good.saveAsTextFile(os.path.join(args.output, "scored"))
    bad.saveAsTextFile(os.path.join(args.output, "errors"))
    n_in, n_good, n_bad = records.count(), good.count(), bad.count()
    print(json.dumps({"records_in": n_in, "scored": n_good, "errors": n_bad}), flush=True)
    spark.stop()
    return 0 if n_in == n_good + n_bad else 2


if __name__ == "__main__":
    sys.exit(main())
