import { resolve } from "node:path";
import { parseArgs, USAGE } from "./args.ts";
import { ymKey } from "./calendar.ts";
import { generateSample } from "./generate.ts";

try {
  const opts = parseArgs(process.argv.slice(2), new Date());
  if (opts.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const started = Date.now();
  const out = resolve(opts.out);
  console.error(`sample: seed ${opts.seed}, 2023-01 .. ${ymKey(opts.until)}, scale ${opts.scale} -> ${out}`);
  const m = generateSample({ out, until: opts.until, seed: opts.seed, scale: opts.scale, log: opts.quiet ? undefined : (l) => console.error(l) });
  const rows = m.files.reduce((s, f) => s + f.dataRows, 0);
  const invalid = m.files.reduce((s, f) => s + f.invalidRows, 0);
  console.error(`sample: ${m.files.length} files, ${rows} data rows (${invalid} invalid), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [source, byYear] of Object.entries(m.records)) {
    console.error(`  ${source.padEnd(10)} ${Object.entries(byYear).map(([y, n]) => `${y}: ${n}`).join("  ")}`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
