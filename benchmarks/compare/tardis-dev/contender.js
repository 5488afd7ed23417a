// The official Tardis Node client as a contender: downloadDatasets (HTTPS, trusting the emulator's certificate through
// NODE_EXTRA_CA_CERTS), then every downloaded day parsed with csv-parse into typed columns and checksummed in the same
// order as the C# contenders. Arguments are key=value, like the C# contenders'. Last stdout line: RESULT {json}.
'use strict'
const started = process.hrtime.bigint()
const args = Object.fromEntries(process.argv.slice(2).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))

// Must run before require('tardis-dev'): 13.x reads datasetsEndpoint when the module loads.
require('tardis-dev/dist/options').init({ datasetsEndpoint: args.endpoint })
const { downloadDatasets } = require('tardis-dev')
const { parse } = require('csv-parse')
const fs = require('fs')
const zlib = require('zlib')

const DAY_MS = 86400000
const exchange = 'binance-futures'
const day = (s) => new Date(s + 'T00:00:00.000Z')
const iso = (d) => d.toISOString().slice(0, 10)

async function parseDay(file, sums) {
  // Columns as typed arrays (numbers as float64; ids kept as strings, side as a byte), grown by doubling.
  let capacity = 1 << 16
  let n = 0
  let ts = new Float64Array(capacity), local = new Float64Array(capacity), price = new Float64Array(capacity)
  let amount = new Float64Array(capacity), side = new Uint8Array(capacity), ids = new Array(capacity)
  const grow = (a, C) => { const b = new C(capacity); b.set(a); return b }
  const parser = fs.createReadStream(file).pipe(zlib.createGunzip()).pipe(parse({ from_line: 2 }))
  for await (const r of parser) {
    if (n === capacity) {
      capacity *= 2
      ts = grow(ts, Float64Array); local = grow(local, Float64Array); price = grow(price, Float64Array)
      amount = grow(amount, Float64Array); side = grow(side, Uint8Array); ids.length = capacity
    }
    ts[n] = Number(r[2]); local[n] = Number(r[3]); ids[n] = r[4]; side[n] = r[5] === 'buy' ? 1 : 2
    price[n] = Number(r[6]); amount[n] = Number(r[7]); n++
  }
  for (let i = 0; i < n; i++) {
    sums.amount += amount[i]
    sums.notional += price[i] * amount[i]
  }
  sums.rows += n
}

async function main() {
  const from = day(args.from), to = day(args.to)
  const queries = Number(args.queries || 1)
  const queryDays = Number(args['query-days'] || Math.round((to - from) / DAY_MS))
  const ranges = queries === 1 ? [[from, to]] : Array.from({ length: queries }, (_, i) => [new Date(+from + i * DAY_MS), new Date(+from + (i + queryDays) * DAY_MS)])
  const sums = { rows: 0, amount: 0, notional: 0 }
  await Promise.all(ranges.map(([f, t]) => downloadDatasets({
    exchange, dataTypes: ['trades'], symbols: [args.symbol], from: iso(f), to: iso(t), downloadDir: args.dir
  })))
  if (args.parse !== 'false') {
    for (const [f, t] of ranges) {
      for (let d = f; d < t; d = new Date(+d + DAY_MS)) {
        await parseDay(`${args.dir}/${exchange}_trades_${iso(d)}_${args.symbol}.csv.gz`, sums)
      }
    }
  }
  const cpu = process.cpuUsage()
  console.log('RESULT ' + JSON.stringify({
    rows: sums.rows, sumAmount: sums.amount, sumNotional: sums.notional,
    cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024,
    workMs: Number(process.hrtime.bigint() - started) / 1e6
  }))
}

main().catch((e) => { console.error(e); process.exit(1) })
