/** Raw JSON behind a disclosure: context for whoever digs, out of the way of whoever skims. */
export function JsonView({
  value,
  summary = "Details",
  testId,
}: {
  value: unknown;
  summary?: string;
  testId?: string;
}) {
  const text = stringify(value);
  return (
    <details data-testid={testId} className="group mt-2 rounded-md border border-zinc-800 bg-zinc-950/60">
      <summary className="cursor-pointer select-none px-3 py-1.5 text-xs text-zinc-400 hover:text-zinc-200">
        {summary}
      </summary>
      <pre className="max-h-96 overflow-auto border-t border-zinc-800 px-3 py-2 text-xs leading-relaxed text-zinc-300">
        {text}
      </pre>
    </details>
  );
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? "null";
  } catch {
    return String(value);
  }
}
