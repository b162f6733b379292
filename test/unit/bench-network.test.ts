import {describe, expect, test} from "vitest";
import {bytesBefore, linkName, parseLink} from "../../scripts/bench/network.ts";

describe("bench network figures", () => {
  test("bytes by a moment: finished responses whole, one still arriving by its elapsed share, later ones not at all", () => {
    const received = [
      {url: "/", bytes: 1000, start: 0, end: 100},
      {url: "/big.wasm", bytes: 10_000, start: 100, end: 1100},
      {url: "/late.json", bytes: 500, start: 700, end: 800}
    ];
    expect(bytesBefore(received, 50)).toBe(500);
    expect(bytesBefore(received, 100)).toBe(1000);
    expect(bytesBefore(received, 600)).toBe(1000 + 5000);
    expect(bytesBefore(received, 800)).toBe(1000 + 7000 + 500);
    expect(bytesBefore(received, Infinity)).toBe(11_500);
    // a response whose first and last byte came at once
    expect(bytesBefore([{url: "/a", bytes: 42, start: 10, end: 10}], 10)).toBe(42);
  });

  test("links are written as down/ms or down/up/ms", () => {
    expect(parseLink("20/40")).toEqual({downMbps: 20, upMbps: 20, latencyMs: 40});
    expect(parseLink("8/2/30")).toEqual({downMbps: 8, upMbps: 2, latencyMs: 30});
    expect(linkName(parseLink("8/2/30"))).toBe("8/2 Mbit/s, 30 ms");
    for (const bad of ["20", "20/x", "0/40", "1/2/3/4"]) expect(() => parseLink(bad), bad).toThrow(/link/);
  });
});
