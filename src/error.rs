//! The error kind that decides the exit code: usage errors exit 2, everything else 1.

use std::fmt;

/// A mistake in how baokan was called (bad flag value, malformed query, unknown paper).
/// Anything else that fails is a runtime failure.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Shorthand for returning a usage error from an `anyhow` function.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// Exit code for an error chain: 2 when it holds a [`UsageError`], else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.chain().any(|e| e.is::<UsageError>()) {
        2
    } else {
        1
    }
}
