#!/usr/bin/env python3
"""Re-files Tardis-format CSV.gz day files by the Tardis rule: a day's file holds the rows whose local_timestamp
falls on that UTC day (the partition timestamp), in local_timestamp order.

Usage: refile.py SOURCE_ROOT OUT_ROOT
  SOURCE_ROOT  a folder laid out as v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz whose files were split
               by another rule (e.g. the team's converted captures, split by exchange timestamp)
  OUT_ROOT     the bundled folder (samples/data): every day file it already holds is rewritten from the re-filed
               rows of its (exchange, dataType, symbol); days that only now receive rows are listed, not written,
               unless --add-new is given.

Every row of a group is read from all of its source days, merged by local_timestamp (stable: equal times keep file
order; every source file is already in local_timestamp order), and written to the file of its local_timestamp's UTC
day. Output gzip has mtime 0, so the same input gives the same bytes.
"""
import datetime
import glob
import gzip
import heapq
import os
import sys


def read_rows(path):
    with gzip.open(path, "rt", newline="") as handle:
        header = handle.readline()
        rows = [line if line.endswith("\n") else line + "\n" for line in handle if line.strip()]
    return header, rows


def local_day(row):
    micros = int(row.split(",", 4)[3])
    return datetime.datetime.fromtimestamp(micros / 1e6, tz=datetime.timezone.utc).strftime("%Y/%m/%d")


def main(argv):
    add_new = "--add-new" in argv
    args = [a for a in argv if not a.startswith("--")]
    source, out = args[0], args[1]
    groups = {}
    for path in glob.glob(os.path.join(source, "v1", "*", "*", "*", "*", "*", "*.csv.gz")):
        parts = os.path.relpath(path, source).split(os.sep)
        exchange, data_type, y, m, d, name = parts[1:]
        groups.setdefault((exchange, data_type, name), []).append((f"{y}/{m}/{d}", path))
    for (exchange, data_type, name), days in sorted(groups.items()):
        bundled = {day for day, _ in days if os.path.exists(os.path.join(out, "v1", exchange, data_type, day, name))}
        if not bundled:
            continue
        header = None
        streams = []
        for index, (day, path) in enumerate(sorted(days)):
            header, rows = read_rows(path)
            streams.append([(int(r.split(",", 4)[3]), index, i, r) for i, r in enumerate(rows)])
        by_day = {}
        for _, _, _, row in heapq.merge(*streams):
            by_day.setdefault(local_day(row), []).append(row)
        for day in sorted(set(by_day) | bundled):
            target = os.path.join(out, "v1", exchange, data_type, day, name)
            rows = by_day.get(day, [])
            if day not in bundled and not add_new:
                print(f"not bundled: {exchange} {data_type} {day} {name}: {len(rows)} rows")
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
                handle.write(header.encode())
                handle.write("".join(rows).encode())
            print(f"wrote {exchange} {data_type} {day} {name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1:])
