//! Typed actor state. The host keeps an actor's state as bytes and hands it to every call; [`State`] turns those
//! bytes into the actor's own type and back. [`Writer`] and [`Reader`] are a small little-endian encoding for it.

/// A type an actor's state can be saved as and restored from.
pub trait State: Sized {
    /// The bytes the host keeps until the next call.
    fn encode(&self) -> Vec<u8>;

    /// The state from the bytes [`State::encode`] produced (empty when the host holds no state). An `Err` fails
    /// the call.
    fn decode(bytes: &[u8]) -> Result<Self, String>;
}

impl State for Vec<u8> {
    fn encode(&self) -> Vec<u8> {
        self.clone()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        Ok(bytes.to_vec())
    }
}

impl State for String {
    fn encode(&self) -> Vec<u8> {
        self.clone().into_bytes()
    }

    fn decode(bytes: &[u8]) -> Result<Self, String> {
        String::from_utf8(bytes.to_vec()).map_err(|e| format!("the state is not UTF-8 text: {}", e))
    }
}

impl State for () {
    fn encode(&self) -> Vec<u8> {
        Vec::new()
    }

    fn decode(_bytes: &[u8]) -> Result<Self, String> {
        Ok(())
    }
}

/// Builds a little-endian byte encoding: `Writer::new().u32(starts).str(&name).finish()`.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// An empty encoding.
    pub fn new() -> Self {
        Writer { bytes: Vec::new() }
    }

    /// Appends a byte.
    pub fn u8(mut self, v: u8) -> Self {
        self.bytes.push(v);
        self
    }

    /// Appends a `u32`, little-endian.
    pub fn u32(mut self, v: u32) -> Self {
        self.bytes.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Appends a `u64`, little-endian.
    pub fn u64(mut self, v: u64) -> Self {
        self.bytes.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Appends bytes with their length (a `u32`) in front.
    pub fn bytes(self, v: &[u8]) -> Self {
        let mut w = self.u32(v.len() as u32);
        w.bytes.extend_from_slice(v);
        w
    }

    /// Appends a string with its length in bytes in front.
    pub fn str(self, v: &str) -> Self {
        self.bytes(v.as_bytes())
    }

    /// Appends bytes as they are, with no length.
    pub fn raw(mut self, v: &[u8]) -> Self {
        self.bytes.extend_from_slice(v);
        self
    }

    /// The encoding.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads what [`Writer`] wrote, in the same order; every read fails with a message when the bytes run out.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads from the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        if self.bytes.len() - self.at < n {
            return Err(format!(
                "cannot read {} ({} bytes) at offset {}: only {} bytes left",
                what,
                n,
                self.at,
                self.bytes.len() - self.at
            ));
        }
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(slice)
    }

    /// Reads a byte.
    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1, "a u8")?[0])
    }

    /// Reads a little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4, "a u32")?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8, "a u64")?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// Reads length-prefixed bytes.
    pub fn bytes(&mut self) -> Result<Vec<u8>, String> {
        let n = self.u32()? as usize;
        Ok(self.take(n, "bytes")?.to_vec())
    }

    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<String, String> {
        String::from_utf8(self.bytes()?).map_err(|e| format!("a string is not UTF-8: {}", e))
    }

    /// The bytes not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        let rest = &self.bytes[self.at..];
        self.at = self.bytes.len();
        rest
    }

    /// True when everything has been read.
    pub fn is_empty(&self) -> bool {
        self.at == self.bytes.len()
    }
}
