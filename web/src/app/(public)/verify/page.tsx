import { redirect } from "next/navigation";

export const metadata = { title: "Verify a passport" };

/** A passport's public id (or the link a QR code holds), from a form that works without JavaScript. */
function findPublicId(input: string): string | undefined {
  const text = input.trim();
  const fromLink = /\/p\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const id = fromLink ?? text;
  return /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : undefined;
}

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ passport?: string }> }) {
  const { passport } = await searchParams;
  const publicId = passport === undefined ? undefined : findPublicId(passport);
  if (publicId) redirect(`/p/${encodeURIComponent(publicId)}`);

  return (
    <div className="page" style={{ maxWidth: "40rem" }}>
      <div className="page-header">
        <div>
          <h1>Verify a passport</h1>
          <p>
            Enter the passport id printed under a unit's QR code, or paste the link the code holds. The passport page
            checks every value it shows against the chain in your browser; it needs no wallet and trusts no server of
            ours.
          </p>
        </div>
      </div>
      <form className="card" action="/verify" method="get">
        <div className="field">
          <label htmlFor="passport">Passport id or link</label>
          <input
            id="passport"
            name="passport"
            required
            autoComplete="off"
            spellCheck={false}
            defaultValue={passport ?? ""}
            aria-describedby={passport !== undefined ? "passport-error" : "passport-hint"}
          />
          {passport !== undefined ? (
            <p id="passport-error" className="field-error" role="alert">
              That is not a passport id: ids are letters, digits, "-" and "_".
            </p>
          ) : (
            <p id="passport-hint" className="field-hint">
              For example <code>https://…/p/Xq3…</code> or the id alone.
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="button">
            Verify
          </button>
        </div>
      </form>
      <p className="muted">
        Prefer the command line? <code>pnpm verify &lt;publicId&gt; --rpc &lt;url&gt;</code> does the same check with
        only an RPC endpoint.
      </p>
    </div>
  );
}
