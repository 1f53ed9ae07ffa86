import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { buildSessionCookie, isSecureRequest, safeRedirectTo } from "../lib/cookie";
import { assertSameOrigin, mutate } from "../lib/graphql.server";
import { LOGIN_MUTATION } from "../lib/queries";

export const meta: MetaFunction = () => [{ title: "Sign in · Conviction" }];

export function loader(_: LoaderFunctionArgs) {
  return null;
}

/** Password → `login` → the session cookie the dashboard and the API's SSE endpoint both read. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const password = String(form.get("password") ?? "");
  if (password.length === 0) return data({ error: "Enter the dashboard password." }, { status: 400 });
  const result = await mutate<{ login: { token: string; expiresAt: string } }>(
    request,
    LOGIN_MUTATION,
    { password },
    { anonymous: true, allowUnauthenticated: true },
  );
  if (!result.ok) {
    const message =
      result.error.code === "RATE_LIMITED"
        ? "Too many attempts. Wait a minute and try again."
        : result.error.code === "UNAVAILABLE"
          ? result.error.message
          : "That password is not right.";
    return data({ error: message }, { status: result.error.code === "RATE_LIMITED" ? 429 : 401 });
  }
  const { token, expiresAt } = result.data.login;
  const cookie = buildSessionCookie({
    token,
    expiresAt: new Date(expiresAt),
    secure: isSecureRequest(request),
  });
  return redirect(safeRedirectTo(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-zinc-50">
          <span
            aria-hidden="true"
            className="grid size-9 place-items-center rounded-lg bg-emerald-500/15 text-emerald-300"
          >
            ◆
          </span>
          <span className="text-xl font-semibold tracking-tight">Conviction</span>
        </div>
        <Form
          method="post"
          data-testid="login-form"
          className="flex flex-col gap-4 rounded-xl border border-zinc-800 bg-zinc-900/60 p-6"
        >
          <h1 className="text-lg font-semibold text-zinc-50">Sign in</h1>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <div className="flex flex-col gap-1">
            <label htmlFor="password" className="text-sm text-zinc-300">
              Dashboard password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              required
              autoComplete="current-password"
              // biome-ignore lint/a11y/noAutofocus: the page has a single field; focusing it is the point.
              autoFocus
              data-testid="login-password"
              aria-invalid={actionData?.error ? true : undefined}
              aria-describedby={actionData?.error ? "login-error" : undefined}
              className="min-h-11 rounded-md border border-zinc-700 bg-zinc-950 px-3 text-zinc-100"
            />
          </div>
          {actionData?.error ? (
            <p id="login-error" role="alert" data-testid="login-error" className="text-sm text-rose-300">
              {actionData.error}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={busy}
            data-testid="login-submit"
            className="min-h-11 rounded-md bg-emerald-600 text-sm font-semibold text-white hover:bg-emerald-500 disabled:cursor-wait disabled:opacity-60"
          >
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p className="mt-4 text-center text-xs text-zinc-500">
          The password is DASHBOARD_PASSWORD in the engine's environment.
        </p>
      </div>
    </main>
  );
}
