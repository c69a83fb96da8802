"use client";

import "./globals.css";

/** The root layout itself failed: the last resort, with its own document. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ maxWidth: "40rem", margin: "10vh auto", padding: "1rem" }}>
          <div className="card" role="alert">
            <h1>A360 Exchange is unavailable</h1>
            <p className="muted">The page could not be shown. Nothing was sent from your wallet.</p>
            <div className="row">
              <button type="button" className="button" onClick={reset}>
                Try again
              </button>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
