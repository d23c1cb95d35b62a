//! Fast, non-cryptographic 64-bit hashing: FxHash, the multiply-rotate hash rustc
//! uses, for the link check's sets and for the fingerprints `serve` compares between
//! rebuilds to know what changed.
//!
//! SipHash, the standard library's default, resists collision attacks that one's
//! own content does not mount, at several times the cost: hashing every rendered body
//! of a 10,000-event archive is 30 MB.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A `HashSet` hashed with [`FxHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
/// A `HashMap` hashed with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// FxHash's multiply-rotate step, with inputs of 64 bytes or more hashed in four
/// lanes. Unseeded, so a fingerprint is the same from run to run; not resistant
/// to crafted collisions.
#[derive(Default, Clone)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        if bytes.len() >= 64 {
            bytes = self.write_long(bytes);
        }
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
    /// Hashes `bytes` but for their last 0–31, which it returns. Long texts go
    /// through four lanes at once: one lane's multiply waits for the last, four
    /// keep the CPU busy.
    #[inline(never)]
    fn write_long<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        let mut lanes = [self.0, self.0 ^ 1, self.0 ^ 2, self.0 ^ 3];
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
                let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
                *lane = mix(*lane, word);
            }
        }
        for lane in lanes {
            self.add(lane);
        }
        blocks.remainder()
    }

    fn add(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }
}

fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
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

    #[test]
    fn long_texts_differ_in_any_byte_or_word_order() {
        let text: String = (0..500)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let print = of(text.as_bytes());
        for at in [0, 7, 8, 31, 32, 255, 480, 499] {
            let mut changed = text.clone().into_bytes();
            changed[at] = b'#';
            assert_ne!(of(changed.as_slice()), print, "byte {at}");
        }
        // The same words in other lanes: the first two 8-byte words swapped.
        let mut swapped = text.clone().into_bytes();
        let (first, second) = swapped.split_at_mut(8);
        first.swap_with_slice(&mut second[..8]);
        assert_ne!(of(swapped.as_slice()), print);
        assert_eq!(of(text.clone().into_bytes().as_slice()), print);
    }
}
