/** Query parameters written into SQL as literals (see rows() in db.ts for why). */

/** A SQL literal for a parameter value: numbers as they are, text quoted with its quotes doubled. */
export function literal(value: unknown): string {
  if (value == null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Replaces each `?` outside quotes with the next parameter as a literal. */
export function bind(sql: string, params: unknown[]): string {
  let i = 0;
  let out = "";
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      if (i >= params.length) throw new Error("more placeholders than parameters");
      out += literal(params[i++]);
    } else out += ch;
  }
  if (i !== params.length) throw new Error("more parameters than placeholders");
  return out;
}
