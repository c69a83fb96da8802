/** What a 404 says, inside whichever frame the address falls in. */
export function NotFoundContent() {
  return (
    <div className="page" data-testid="not-found">
      <div className="card" style={{ maxWidth: "40rem" }}>
        <p className="badge">404</p>
        <h1>Nothing here</h1>
        <p className="muted">
          This address names no page, passport or unit we know. Check the link, or start again from one of these.
        </p>
        <div className="row">
          <a className="button" href="/">
            Home
          </a>
          <a className="button button-secondary" href="/verify">
            Verify a passport
          </a>
        </div>
      </div>
    </div>
  );
}
