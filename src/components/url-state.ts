/**
 * Filter state in the URL: a control bound to a query parameter starts from the URL, writes
 * each change as a new history entry, and follows Back and Forward.
 */

export interface Codec<T> {
  parse(text: string): T;
  format(value: T): string | null;
}

export const stringCodec: Codec<string | null> = {parse: (s) => s, format: (v) => v ?? null};
export const numberCodec: Codec<number | null> = {
  parse: (s) => (Number.isFinite(Number(s)) && s !== "" ? Number(s) : null),
  format: (v) => (v == null ? null : String(v))
};

/** The URL's search string with `key` set to `text`, or removed when `text` is null. */
export function withParam(search: string, key: string, text: string | null): string {
  const params = new URLSearchParams(search);
  if (text == null || text === "") params.delete(key);
  else params.set(key, text);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function readParam<T>(search: string, key: string, codec: Codec<T>, fallback: T): T {
  const text = new URLSearchParams(search).get(key);
  return text == null ? fallback : codec.parse(text);
}

export type ValueElement<T> = HTMLElement & {value: T};

export function bindToUrl<T>(input: ValueElement<T>, key: string, codec: Codec<T>, {fallback, invalidation}: {fallback: T; invalidation?: Promise<unknown>}): ValueElement<T> {
  let applying = false;
  const apply = () => {
    const value = readParam(location.search, key, codec, fallback);
    if (codec.format(input.value) === codec.format(value)) return;
    applying = true;
    try {
      input.value = value;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    } finally {
      applying = false;
    }
  };
  // The history entry is written after the event, while the page waits for its queries.
  const record = () => {
    if (applying) return;
    const text = codec.format(input.value);
    setTimeout(() => {
      const search = withParam(location.search, key, text === codec.format(fallback) ? null : text);
      if (search !== location.search) history.pushState(history.state, "", `${location.pathname}${search}${location.hash}`);
    });
  };
  apply();
  input.addEventListener("input", record);
  addEventListener("popstate", apply);
  invalidation?.then(() => removeEventListener("popstate", apply));
  return input;
}

/** Sets a bound control from code (a cross-filter click), as if the user had chosen the value. */
export function setInput<T>(input: ValueElement<T>, value: T): void {
  input.value = value;
  input.dispatchEvent(new Event("input", {bubbles: true}));
}
