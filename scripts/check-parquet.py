#!/usr/bin/env python3
"""Reads atalaya's Parquet exports back with the tools analysts use and compares them with the
JSON Lines export of the same events.

Usage: check-parquet.py EVENTS.parquet EVENTS.jsonl PARTITIONED_FOLDER

Needs pyarrow and polars; pandas and duckdb are checked too when installed. The Rust test
crates/cli/tests/export.rs runs this script when ATALAYA_PYTHON names a Python that has them:

    python3 -m venv /tmp/atalaya-py && /tmp/atalaya-py/bin/pip install -q pyarrow polars pandas duckdb
    ATALAYA_PYTHON=/tmp/atalaya-py/bin/python cargo test -p atalaya --test export

(scripts/check-parquet.sh does both steps.)
"""

import json
import sys


def fail(message):
    print(f"check-parquet: FAILED: {message}")
    sys.exit(1)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    parquet_path, jsonl_path, folder = sys.argv[1:]
    import pyarrow.parquet as pq
    import pyarrow.dataset as ds
    import polars as pl

    with open(jsonl_path, encoding="utf-8") as f:
        events = [json.loads(line) for line in f if line.strip()]
    checks = 0

    table = pq.read_table(parquet_path)
    if table.num_rows != len(events):
        fail(f"pyarrow: {table.num_rows} rows, JSONL has {len(events)}")
    rows = table.to_pylist()
    for row, event in zip(rows, events):
        expected = {
            "event_id": event["id"],
            "article_id": event["article_id"],
            "sentence": event["sentence"],
            "source_code": event["source"]["code"],
            "target_code": event["target"]["code"],
            "cameo": event["cameo"],
            "cameo_root": event["cameo_root"],
            "quad_class": event.get("quad_class"),
            "modality": event.get("modality", "asserted"),
            "matched_entries": event["matched"].get("entries", []),
        }
        for column, value in expected.items():
            if row[column] != value:
                fail(f"pyarrow: {event['id']} {column} = {row[column]!r}, JSONL has {value!r}")
            checks += 1
        date = row["date"].isoformat() if row["date"] is not None else None
        if date != event.get("date"):
            fail(f"pyarrow: {event['id']} date {date!r} != {event.get('date')!r}")
        goldstein = event.get("goldstein")
        if (row["goldstein"] is None) != (goldstein is None) or (
            goldstein is not None and abs(row["goldstein"] - goldstein) > 1e-6
        ):
            fail(f"pyarrow: {event['id']} goldstein {row['goldstein']!r} != {goldstein!r}")
        if json.loads(row["attribution"]) != event.get("attribution", []):
            fail(f"pyarrow: {event['id']} attribution differs")
        checks += 3
    print(f"pyarrow: {table.num_rows} rows, {table.num_columns} typed columns match the JSONL")

    frame = pl.read_parquet(parquet_path)
    if frame.height != len(events) or frame["event_id"].to_list() != [e["id"] for e in events]:
        fail("polars: rows differ")
    if frame.schema["cameo"] != pl.Utf8 or frame.schema["date"] != pl.Date:
        fail(f"polars: unexpected types {frame.schema}")
    checks += 1
    print(f"polars: {frame.height} rows, cameo as text, date as Date")

    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    partitioned = dataset.to_table()
    if partitioned.num_rows != len(events):
        fail(f"pyarrow dataset: {partitioned.num_rows} rows in {folder}, expected {len(events)}")
    months = sorted(set(partitioned.column("month").to_pylist()))
    by_id = {e["id"]: e for e in events}
    for event_id, month in zip(
        partitioned.column("event_id").to_pylist(), partitioned.column("month").to_pylist()
    ):
        date = by_id[event_id].get("date")
        if month is None or (date is not None and month != date[:7]):
            fail(f"pyarrow dataset: {event_id} in month {month!r}, its date is {date}")
    checks += 1
    print(f"pyarrow dataset (hive): {partitioned.num_rows} rows, months {months}")

    lazy = pl.scan_parquet(f"{folder}/**/*.parquet", hive_partitioning=True).collect()
    if lazy.height != len(events) or "month" not in lazy.columns:
        fail(f"polars scan (hive): {lazy.height} rows, columns {lazy.columns}")
    checks += 1
    print(f"polars scan_parquet (hive): {lazy.height} rows")

    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        df = pd.read_parquet(folder)
        if len(df) != len(events):
            fail(f"pandas: {len(df)} rows")
        checks += 1
        print(f"pandas read_parquet(folder): {len(df)} rows")

    try:
        import duckdb
    except ImportError:
        duckdb = None
    if duckdb is not None:
        count = duckdb.connect().execute(
            f"SELECT count(*) FROM read_parquet('{folder}/*/*.parquet', hive_partitioning = true)"
        ).fetchall()[0][0]
        if count != len(events):
            fail(f"duckdb: {count} rows")
        checks += 1
        print(f"duckdb read_parquet (hive): {count} rows")

    print(f"check-parquet: {checks} passed, 0 failed")


if __name__ == "__main__":
    main()
