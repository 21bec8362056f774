//! Percent-encoding of a query-string value, shared by the HTTP load example and the
//! server's tests (each speaks plain HTTP/1.1 over a socket, without a client crate).

/// `text` percent-encoded for a query string (unreserved ASCII kept, every other byte `%XX`).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
