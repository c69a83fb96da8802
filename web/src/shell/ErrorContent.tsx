"use client";

import { useEffect } from "react";

/** What a failed page says, inside whichever frame it failed in; the details go to the console. */
export function ErrorContent({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="page" data-testid="error-page">
      <div className="card" role="alert" style={{ maxWidth: "40rem" }}>
        <h1>Something went wrong</h1>
        <p className="muted">
          This page could not be shown. Nothing was sent from your wallet. Try again; if it keeps failing, the api or
          the chain may be unreachable for a moment.
          {error.digest ? (
            <>
              {" "}
              Reference <code>{error.digest}</code>.
            </>
          ) : null}
        </p>
        <div className="row">
          <button type="button" className="button" onClick={reset}>
            Try again
          </button>
          <a className="button button-secondary" href="/">
            Home
          </a>
        </div>
      </div>
    </div>
  );
}
