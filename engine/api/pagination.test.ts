import { expect, test } from "bun:test";
import fc from "fast-check";
import { decodeCursor, encodeCursor, MAX_PAGE, pageSize, toConnection } from "./pagination.ts";

test("cursors round-trip and are bound to their ordering", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), (sort, key, id) => {
      expect(decodeCursor(encodeCursor({ sort, key, id }), sort)).toEqual({ sort, key, id });
    }),
  );
  const c = encodeCursor({ sort: "a", key: "k", id: "i" });
  expect(() => decodeCursor(c, "b")).toThrow("not a cursor for this list");
  expect(() => decodeCursor("%%%", "a")).toThrow();
  expect(decodeCursor(null, "a")).toBeNull();
});

test("page sizes are 1..MAX_PAGE", () => {
  expect(pageSize(undefined)).toBe(25);
  expect(pageSize(MAX_PAGE)).toBe(MAX_PAGE);
  for (const bad of [0, -1, MAX_PAGE + 1, 1.5]) expect(() => pageSize(bad)).toThrow();
});

test("a connection shows `limit` rows and knows whether more exist", () => {
  const rows = [1, 2, 3].map((n) => ({ node: n, key: String(n), id: `i${n}` }));
  const more = toConnection(rows, 2, "s");
  expect(more.nodes).toEqual([1, 2]);
  expect(more.pageInfo.hasNextPage).toBe(true);
  expect(decodeCursor(more.pageInfo.endCursor, "s")).toEqual({ sort: "s", key: "2", id: "i2" });
  const last = toConnection(rows, 3, "s");
  expect(last.pageInfo.hasNextPage).toBe(false);
  expect(toConnection([], 5, "s").pageInfo).toEqual({ hasNextPage: false, endCursor: null });
});
