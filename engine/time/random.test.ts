import { describe, expect, test } from "bun:test";
import { deterministicId, randomIds, seededIds } from "./random.ts";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("ids", () => {
  test("randomIds are version-7 UUIDs, unique, in the order they were made", () => {
    const ids = Array.from({ length: 20_000 }, () => randomIds.next());
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ms = Number.parseInt(ids[0]?.replaceAll("-", "").slice(0, 12) ?? "", 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  test("seededIds are reproducible, time-ordered version-7 UUIDs", () => {
    const take = (seed: number) => {
      const g = seededIds(seed);
      return Array.from({ length: 5_000 }, () => g.next());
    };
    const a = take(42);
    expect(take(42)).toEqual(a);
    expect(take(43)).not.toEqual(a);
    expect(a.every((id) => V7.test(id))).toBe(true);
    expect([...a].sort()).toEqual(a);
    expect(new Set([...a, ...take(43)]).size).toBe(10_000);
  });

  test("deterministicId stays a name-based (v5) id", () => {
    expect(deterministicId("fill", "KX-1", "fill-123")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect(deterministicId("a")).toBe(deterministicId("a"));
  });
});
