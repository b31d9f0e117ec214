//! The optional desktop notification (feature `notify`, notify-rust): sent from a
//! thread of its own so that a missing or slow notification service (no D-Bus under
//! Xvfb, a locked session) never holds the window; any failure is ignored — the
//! in-app notice says the same.

/// This build can send desktop notifications.
pub const AVAILABLE: bool = cfg!(feature = "notify");

/// Shows `body` under `summary` on the desktop, if this build can; never waits.
pub fn desktop(summary: &str, body: &str) {
    #[cfg(feature = "notify")]
    {
        let (summary, body) = (summary.to_string(), body.to_string());
        std::thread::spawn(move || {
            let _ = notify_rust::Notification::new()
                .summary(&summary)
                .body(&body)
                .show();
        });
    }
    #[cfg(not(feature = "notify"))]
    let _ = (summary, body);
}
