/**
 * Checks a JSON value against a model of the official SDK, read from the SDK's own docs
 * (node_modules/kalshi-typescript/docs/<Model>.md): every required field present, no field the
 * model does not know, types as documented, and fixed-point strings in Kalshi's format
 * (dollars /^-?\d+\.\d{4,6}$/, counts /^-?\d+\.\d{2}$/).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DOCS = fileURLToPath(new URL("../../node_modules/kalshi-typescript/docs/", import.meta.url));

export const DOLLARS = /^-?\d+\.\d{4,6}$/;
export const COUNT_FP = /^-?\d+\.\d{2}$/;

interface Field {
  name: string;
  type: string;
  optional: boolean;
  description: string;
}

const cache = new Map<string, Field[] | null>();

const unescapeHtml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The model's fields, or null for enums / models without a properties table. */
export function modelFields(model: string): Field[] | null {
  const hit = cache.get(model);
  if (hit !== undefined) return hit;
  const file = `${DOCS}${model}.md`;
  if (!existsSync(file)) throw new Error(`the SDK documents no model ${model}`);
  const text = readFileSync(file, "utf8");
  const fields: Field[] = [];
  for (const line of text.split("\n")) {
    const m = /^\*\*(\w+)\*\* \| (.+?) \| (.*) \| (\[.*)$/.exec(line);
    if (!m) continue;
    const typeCell = unescapeHtml(m[2] ?? "");
    const type = /\*\*(.+?)\*\*/.exec(typeCell)?.[1] ?? typeCell;
    fields.push({
      name: m[1] ?? "",
      type,
      optional: (m[4] ?? "").includes("[optional]"),
      description: unescapeHtml(m[3] ?? ""),
    });
  }
  const result = fields.length > 0 ? fields : null;
  cache.set(model, result);
  return result;
}

function checkType(
  type: string,
  value: unknown,
  field: Field | undefined,
  path: string,
  errors: string[],
): void {
  if (value === null) {
    const nullable = field && (field.optional || /null/i.test(field.description));
    if (!nullable) errors.push(`${path}: null but the model requires ${type}`);
    return;
  }
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) {
    if (!Array.isArray(value)) {
      errors.push(`${path}: expected an array (${type}), got ${typeof value}`);
      return;
    }
    value.forEach((v, i) => {
      checkType(arr[1] ?? "", v, undefined, `${path}[${i}]`, errors);
    });
    return;
  }
  switch (type) {
    case "string": {
      if (typeof value !== "string") {
        errors.push(`${path}: expected string, got ${JSON.stringify(value)}`);
        return;
      }
      const desc = field?.description ?? "";
      const name = field?.name ?? "";
      const isDollars =
        desc.includes("Fixed-point US dollar") ||
        desc.includes("(in dollars)") ||
        (name.endsWith("_dollars") && !desc.includes("Fixed-point contract"));
      const isCount = desc.includes("Fixed-point contract count") || name.endsWith("_fp");
      if (isDollars && !DOLLARS.test(value))
        errors.push(`${path}: ${JSON.stringify(value)} is not a dollar string like "0.9500"`);
      else if (isCount && !isDollars && !COUNT_FP.test(value))
        errors.push(`${path}: ${JSON.stringify(value)} is not a count string like "10.00"`);
      return;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        errors.push(`${path}: expected number, got ${JSON.stringify(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") errors.push(`${path}: expected boolean, got ${JSON.stringify(value)}`);
      return;
    case "object":
      if (typeof value !== "object") errors.push(`${path}: expected object, got ${typeof value}`);
      return;
    default:
      checkModelInto(type, value, path, errors);
  }
}

function checkModelInto(model: string, value: unknown, path: string, errors: string[]): void {
  const fields = modelFields(model);
  if (fields === null) {
    // Enums (BookSide, OrderStatus, FeeType, ...) are strings.
    if (typeof value !== "string")
      errors.push(`${path}: expected ${model} (a string enum), got ${JSON.stringify(value)}`);
    return;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    errors.push(`${path}: expected ${model} object, got ${JSON.stringify(value)}`);
    return;
  }
  const obj = value as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.name));
  for (const f of fields) {
    if (!(f.name in obj)) {
      if (!f.optional) errors.push(`${path}.${f.name}: required by ${model} but missing`);
      continue;
    }
    checkType(f.type, obj[f.name], f, `${path}.${f.name}`, errors);
  }
  for (const k of Object.keys(obj)) if (!known.has(k)) errors.push(`${path}.${k}: not a field of ${model}`);
}

/** All violations of `model` in `value` (empty when it conforms). */
export function checkModel(model: string, value: unknown): string[] {
  const errors: string[] = [];
  checkModelInto(model, value, model, errors);
  return errors;
}
