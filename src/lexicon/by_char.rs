//! The lookup the word tables are asked through: words keyed by their first
//! or last character behind a small bit set.

use super::HashMap;

/// Words of a table grouped by their first or last character, so that a
/// lookup compares only the few words that can match. A small bit set of
/// the keys' low bits turns most characters away before the map is asked.
pub(super) struct ByChar {
    bloom: [u64; 16],
    map: HashMap<char, Vec<&'static str>>,
}

impl ByChar {
    /// Keyed by the last character; longest first within a key.
    pub(super) fn last(words: impl Iterator<Item = &'static str>) -> ByChar {
        ByChar::build(words, |w| w.chars().next_back())
    }

    /// Keyed by the first character; longest first within a key.
    pub(super) fn first(words: impl Iterator<Item = &'static str>) -> ByChar {
        ByChar::build(words, |w| w.chars().next())
    }

    fn build(words: impl Iterator<Item = &'static str>, key: impl Fn(&str) -> Option<char>) -> ByChar {
        let mut map: HashMap<char, Vec<&'static str>> = HashMap::default();
        let mut bloom = [0u64; 16];
        for w in words {
            if let Some(k) = key(w) {
                map.entry(k).or_default().push(w);
                let b = k as usize & 1023;
                bloom[b >> 6] |= 1 << (b & 63);
            }
        }
        for v in map.values_mut() {
            // Stable: among words of one length the table's order stands.
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        ByChar { bloom, map }
    }

    /// The words keyed by `c`, if any.
    #[inline]
    pub(super) fn get(&self, c: char) -> Option<&[&'static str]> {
        let b = c as usize & 1023;
        if self.bloom[b >> 6] & (1 << (b & 63)) == 0 {
            return None;
        }
        self.map.get(&c).map(Vec::as_slice)
    }

    /// The longest word `s` ends with.
    pub(super) fn ends(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        self.get(last)?.iter().copied().find(|w| s.ends_with(w))
    }

    /// True when any word occurs in `s`.
    pub(super) fn any_in(&self, s: &str) -> bool {
        s.char_indices().any(|(i, c)| self.get(c).is_some_and(|ws| ws.iter().any(|w| s[i..].starts_with(w))))
    }
}
