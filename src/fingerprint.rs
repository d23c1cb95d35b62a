//! Fast, non-cryptographic 64-bit hashing: FxHash, the multiply-rotate hash rustc
//! uses, for the link check's sets and for the fingerprints `serve` compares between
//! rebuilds to know what changed.
//!
//! SipHash, the standard library's default, resists collision attacks that one's
//! own content does not mount, at several times the cost: hashing every rendered body
//! of a 10,000-event archive is 30 MB.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The fingerprint of a value.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of a value as it serializes to JSON, for the views templates
/// see: whatever a template could print is in it. Nothing is allocated.
pub fn of_serialized<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    let mut writer = Writer(FxHasher::default());
    // Writing into a hasher cannot fail, and a value that cannot serialize cannot
    // render either: the render reports it.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}

/// The fingerprint of a value through its `Debug` form, for types that hash
/// neither way (dates with zones, front matter `extra` maps).
pub fn of_debug<T: std::fmt::Debug + ?Sized>(value: &T) -> u64 {
    use std::fmt::Write as _;
    let mut writer = Writer(FxHasher::default());
    let _ = write!(writer, "{value:?}");
    writer.0.finish()
}

struct Writer(FxHasher);

impl std::io::Write for Writer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Write for Writer {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.write(text.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_texts_apart() {
        assert_eq!(of("Kerman"), of("Kerman"));
        assert_ne!(of("Kerman"), of("Kermam"));
        // Length is part of a str's hash: a prefix is not a collision.
        assert_ne!(of(&("ab", "c")), of(&("a", "bc")));
        assert_ne!(of_serialized(&["a", "b"]), of_serialized(&["ab"]));
        assert_ne!(of_debug(&Some(1)), of_debug(&None::<i32>));
    }
}
