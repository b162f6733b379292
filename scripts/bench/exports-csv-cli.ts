/**
 * node exports-csv.mjs RAW OUT INDEX COUNT: one process's part of the floor's input (exports-csv.ts); prints its
 * counts as JSON on stdout.
 */
import {exportsAsCsv} from "./exports-csv.ts";

const [raw, out, index, count] = process.argv.slice(2);
const counts = await exportsAsCsv(raw, out, {index: Number(index), count: Number(count)});
process.stdout.write(JSON.stringify(counts) + "\n");
