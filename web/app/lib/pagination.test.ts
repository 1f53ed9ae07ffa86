import { expect, test } from "bun:test";
import {
  currentCursor,
  nextPageSearch,
  pageNumber,
  pageSize,
  previousPageSearch,
  withParam,
} from "./pagination";

test("the cursor stack walks forward and back", () => {
  const first = new URLSearchParams("status=open");
  expect(currentCursor(first)).toBeNull();
  expect(pageNumber(first)).toBe(1);
  expect(previousPageSearch(first)).toBeNull();

  const second = new URLSearchParams(nextPageSearch(first, "cur1").slice(1));
  expect(currentCursor(second)).toBe("cur1");
  const third = new URLSearchParams(nextPageSearch(second, "cur2").slice(1));
  expect(currentCursor(third)).toBe("cur2");
  expect(pageNumber(third)).toBe(3);

  const back = new URLSearchParams((previousPageSearch(third) ?? "").slice(1));
  expect(currentCursor(back)).toBe("cur1");
  expect(back.get("status")).toBe("open");
  expect(previousPageSearch(second)).toBe("?status=open");
});

test("changing a filter or sort starts again from the first page", () => {
  const params = new URLSearchParams("status=open&c=a&c=b");
  expect(withParam(params, "sort", "PNL_DESC")).toBe("?status=open&sort=PNL_DESC");
  expect(withParam(params, "status", null)).toBe("?");
});

test("page size is clamped to what the API accepts", () => {
  expect(pageSize(new URLSearchParams("n=50"))).toBe(50);
  expect(pageSize(new URLSearchParams("n=500"))).toBe(25);
  expect(pageSize(new URLSearchParams("n=abc"), 10)).toBe(10);
});
