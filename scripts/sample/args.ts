import { latestFullMonth, parseYm, type YearMonth } from "./calendar.ts";
import { DEFAULT_SEED } from "./generate.ts";

export const USAGE = `usage: npm run sample -- [--until YYYY-MM] [--out DIR] [--seed N] [--scale K] [--quiet]

Writes deterministic sample exports for 2023-01 .. --until (default: the latest full month)
into DIR/<source>/ (default data/raw) and a manifest DIR/sample-manifest.json.`;

export interface SampleArgs {
  until: YearMonth;
  out: string;
  seed: number;
  scale: number;
  quiet: boolean;
  help: boolean;
}

/** Parse CLI flags (`--flag value` or `--flag=value`); `now` fixes the default --until. */
export function parseArgs(argv: readonly string[], now: Date): SampleArgs {
  const opts: SampleArgs = { until: latestFullMonth(now), out: "data/raw", seed: DEFAULT_SEED, scale: 1, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--until":
        opts.until = parseYm(value());
        break;
      case "--out":
        opts.out = value();
        break;
      case "--seed":
        opts.seed = Number(value());
        if (!Number.isSafeInteger(opts.seed)) throw new Error("--seed must be an integer");
        break;
      case "--scale":
        opts.scale = Number(value());
        if (!Number.isInteger(opts.scale) || opts.scale < 1) throw new Error("--scale must be a positive integer");
        break;
      case "--quiet":
        opts.quiet = true;
        break;
      case "-h":
      case "--help":
        opts.help = true;
        break;
      default:
        throw new Error(`unknown argument ${a}\n${USAGE}`);
    }
  }
  return opts;
}
