//! A small, fast hasher for the parser's own tables (keys are characters,
//! spans and short label texts, in tables of bounded size, so that keys
//! chosen to collide cost little): the FxHash of rustc, so that lookups on
//! the hot path cost a multiply, not SipHash.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// rustc's FxHasher: one rotate, xor and multiply per word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.hash = (self.hash.rotate_left(5) ^ i).wrapping_mul(SEED);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Answers of a pure function of short texts, kept per thread: see [`remember`].
pub(crate) type Answers<V> = std::cell::RefCell<FxHashMap<Box<str>, V>>;

/// The answer of `work` for `key`, kept in the thread's table `seen` for the
/// next time it is asked. A full table (`kept` answers) starts again, so that
/// a thread reading plan after plan keeps the answers of the one at hand;
/// while the thread ends and its table is gone, the answer is worked out.
#[inline]
pub(crate) fn remember<V: Copy + 'static>(
    seen: &'static std::thread::LocalKey<Answers<V>>,
    kept: usize,
    key: &str,
    work: impl Fn(&str) -> V,
) -> V {
    seen.try_with(|seen| {
        if let Some(&answer) = seen.borrow().get(key) {
            return answer;
        }
        let answer = work(key);
        let mut seen = seen.borrow_mut();
        if seen.len() >= kept {
            seen.clear();
        }
        seen.insert(key.into(), answer);
        answer
    })
    .unwrap_or_else(|_| work(key))
}
