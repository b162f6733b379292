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
      dispatchEvent(new Event(URL_CHANGE));
    });
  };
  apply();
  input.addEventListener("input", record);
  addEventListener("popstate", apply);
  invalidation?.then(() => removeEventListener("popstate", apply));
  return input;
}

/** The event a bound control sends on `window` once it has written the URL. */
const URL_CHANGE = "filters-in-url";

/**
 * `href` with the parameters `keys` of `search` in place of its own (removed where `search` has none): a link to a
 * page that reads the same filters, opened with the filters of this one.
 */
export function carriedHref(href: string, search: string, keys: readonly string[]): string {
  const url = new URL(href);
  const from = new URLSearchParams(search);
  for (const key of keys) {
    const value = from.get(key);
    if (value == null || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.href;
}

/**
 * Keeps the page's links to `paths` (the sidebar's, say) carrying this page's `keys` from its URL: 数字城管案件 and
 * 案件热点 read the same filters, and a reader who went from one to the other lost them (an audit, 2026-12-03).
 */
export function carryFilters(paths: readonly string[], keys: readonly string[], invalidation?: Promise<unknown>): void {
  const update = () => {
    for (const a of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
      const path = new URL(a.href).pathname.replace(/\.html$/, "");
      if (paths.some((p) => path === p || path.endsWith(p))) a.href = carriedHref(a.href, location.search, keys);
    }
  };
  update();
  addEventListener(URL_CHANGE, update);
  addEventListener("popstate", update);
  invalidation?.then(() => {
    removeEventListener(URL_CHANGE, update);
    removeEventListener("popstate", update);
  });
}

/** Sets a bound control from code (a cross-filter click), as if the user had chosen the value. */
export function setInput<T>(input: ValueElement<T>, value: T): void {
  input.value = value;
  input.dispatchEvent(new Event("input", {bubbles: true}));
}
