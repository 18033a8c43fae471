// The debtor portal, reached at /pay/<token> from a link in a message.
export function PortalApp() {
  return (
    <main className="portal" id="main">
      <h1>Your account</h1>
      <p>Open the link from your message to see your account.</p>
    </main>
  )
}
