#!/usr/bin/env python3
"""Builds files in Binance's public-data layout (data.binance.vision) from raw Binance websocket captures.

Usage: convert.py RAW_ROOT OUT_ROOT RAW_EXTRACT_ROOT
  RAW_ROOT          the team's hftbacktest-binance-ws folder (spot/, usdm/, cm/ captures: `<local ns> <json>` lines)
  OUT_ROOT          this folder: writes data/{market}/{period}/{dataType}/{SYMBOL}/{SYMBOL}-{dataType}-{date}.zip and
                    .zip.CHECKSUM
  RAW_EXTRACT_ROOT  where to write, per converted capture, its @trade and @bookTicker lines verbatim (gzip), for the
                    cell-by-cell fidelity tests (tests/TickCache.Tests/data/binance-ws)

Column formats (Binance public-data README, ../shared/reference/binance-public-data.md):
  spot trades    id,price,qty,quote_qty,time,is_buyer_maker,is_best_match   no header, True/False, 8-decimal numbers
  USD-M trades   id,price,qty,quote_qty,time,is_buyer_maker                 header, true/false, exchange precision
  COIN-M trades  id,price,qty,base_qty,time,is_buyer_maker                  header; qty = contracts
  bookTicker     update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time (header)
From the messages: trades from @trade (t, p, q, T, m, spot M); price and qty are the message's strings as sent;
quote_qty = price x qty (the exact decimal product; spot: rounded half-even to 8 decimals), COIN-M base_qty =
qty x contract value / price (100 USD for BTC, 10 USD otherwise; 8 decimals, half-even); bookTicker from futures
@bookTicker (u, b, B, a, A, T, E). Times in ms (as Binance's futures files and its spot files before 2025). Rows go to
the file of the UTC day (and month) of `time` / `transaction_time`; trades ordered by id, bookTicker in capture order.
Zips are deterministic (fixed entry date), so the same input gives the same bytes.
"""
import datetime
import decimal
import gzip
import hashlib
import io
import json
import os
import sys
import zipfile

D = decimal.Decimal
EIGHT = D("0.00000001")

# (market folder in the capture set, capture file, Binance market path, symbol, days to write per data type, extract)
# The last field: the streams whose lines go to the raw extract for the fidelity tests (bookTicker only where small).
CAPTURES = [
    ("usdm", "btcusdt_20240808.gz", "futures/um", "BTCUSDT", {"trades": ["2024-08-08"], "bookTicker": ["2024-08-08"]}, {"@trade"}),
    ("usdm", "ethusdt_20240808.gz", "futures/um", "ETHUSDT", {"trades": ["2024-08-08", "2024-08-09"]}, {"@trade"}),
    ("usdm", "btcusdt_20240718.gz", "futures/um", "BTCUSDT", {"trades": ["2024-07-18"], "bookTicker": ["2024-07-18"]}, {"@trade", "@bookTicker"}),
    ("usdm", "btcusdt_20240719.gz", "futures/um", "BTCUSDT", {"trades": ["2024-07-19"], "bookTicker": ["2024-07-19"]}, {"@trade"}),
    ("spot", "btcusdt_20240808.gz", "spot", "BTCUSDT", {"trades": ["2024-08-08"]}, {"@trade"}),
    ("cm", "btcusd_perp_20240808.gz", "futures/cm", "BTCUSD_PERP", {"trades": ["2024-08-08"], "bookTicker": ["2024-08-08"]}, {"@trade", "@bookTicker"}),
]
# Monthly files: (market path, symbol, data type, month) built from every converted row of that month.
MONTHS = [("futures/um", "BTCUSDT", "trades", "2024-07")]

HEADERS = {
    ("futures/um", "trades"): "id,price,qty,quote_qty,time,is_buyer_maker",
    ("futures/cm", "trades"): "id,price,qty,base_qty,time,is_buyer_maker",
    ("futures/um", "bookTicker"): "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time",
    ("futures/cm", "bookTicker"): "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time",
}


def day_of(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc).strftime("%Y-%m-%d")


def plain(value):
    text = format(value.normalize(), "f")
    return text


def trade_row(market, symbol, m):
    price, qty = D(m["p"]), D(m["q"])
    if market == "spot":
        quote = (price * qty).quantize(EIGHT, rounding=decimal.ROUND_HALF_EVEN)
        return f"{m['t']},{m['p']},{m['q']},{format(quote, 'f')},{m['T']},{m['m']!s},{m['M']!s}"
    if market == "futures/cm":
        value = D(100) if symbol.startswith("BTC") else D(10)
        base = (qty * value / price).quantize(EIGHT, rounding=decimal.ROUND_HALF_EVEN)
        return f"{m['t']},{m['p']},{m['q']},{format(base, 'f')},{m['T']},{str(m['m']).lower()}"
    return f"{m['t']},{m['p']},{m['q']},{plain(price * qty)},{m['T']},{str(m['m']).lower()}"


def book_row(m):
    return f"{m['u']},{m['b']},{m['B']},{m['a']},{m['A']},{m['T']},{m['E']}"


def write_zip(out_root, market, period, data_type, symbol, date, rows):
    name = f"{symbol}-{data_type}-{date}"
    folder = os.path.join(out_root, "data", market, period, data_type, symbol)
    os.makedirs(folder, exist_ok=True)
    header = HEADERS.get((market, data_type))
    text = "".join((header + "\n") if header else "") + "".join(r + "\n" for r in rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(name + ".csv", date_time=(2024, 9, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, text)
    data = buffer.getvalue()
    with open(os.path.join(folder, name + ".zip"), "wb") as handle:
        handle.write(data)
    with open(os.path.join(folder, name + ".zip.CHECKSUM"), "w") as handle:
        handle.write(f"{hashlib.sha256(data).hexdigest()}  {name}.zip\n")
    print(f"{market}/{period}/{data_type}/{symbol}/{name}.zip: {len(rows)} rows, {len(data)} bytes")


def main(argv):
    raw_root, out_root, extract_root = argv[1], argv[2], argv[3]
    os.makedirs(extract_root, exist_ok=True)
    monthly = {}
    for folder, file, market, symbol, wanted, extracted in CAPTURES:
        trades, books, kept = {}, [], []
        with gzip.open(os.path.join(raw_root, folder, file), "rt") as handle:
            for line in handle:
                _, _, payload = line.partition(" ")
                message = json.loads(payload)
                stream = message.get("stream", "")
                kind = stream[stream.find("@"):]
                if kind == "@trade":
                    trades.setdefault(message["data"]["t"], message["data"])
                elif kind == "@bookTicker" and wanted.get("bookTicker"):
                    books.append(message["data"])
                else:
                    continue
                if kind in extracted:
                    kept.append(line)
        extract = f"{folder}_{file.split('.')[0]}.jsonl.gz"
        with gzip.GzipFile(os.path.join(extract_root, extract), "wb", mtime=0) as handle:
            handle.write("".join(kept).encode())
        ordered = [trades[t] for t in sorted(trades)]
        for date in wanted.get("trades", []):
            rows = [trade_row(market, symbol, m) for m in ordered if day_of(m["T"]) == date]
            write_zip(out_root, market, "daily", "trades", symbol, date, rows)
        for m in ordered:
            monthly.setdefault((market, symbol, "trades", day_of(m["T"])[:7]), []).append((m["t"], trade_row(market, symbol, m)))
        for date in wanted.get("bookTicker", []):
            rows = [book_row(m) for m in books if day_of(m["T"]) == date]
            write_zip(out_root, market, "daily", "bookTicker", symbol, date, rows)
    for market, symbol, data_type, month in MONTHS:
        rows = [row for _, row in sorted(monthly[(market, symbol, data_type, month)])]
        write_zip(out_root, market, "monthly", data_type, symbol, month, rows)


if __name__ == "__main__":
    main(sys.argv)
