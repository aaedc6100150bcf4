//! The one place that knows text. Passes ask it, never re-derive it:
//!
//! | module | owns |
//! |---|---|
//! | [`script`] | the script of a char and of a UTF-8 lead byte: Han, kana/Hangul, CJK punctuation, full-width forms |
//! | [`scan`] | SWAR and 32-byte block scans to candidates (capitals, digits, CJK lead bytes), each tested for every byte value |
//! | [`words`] | ASCII word edges, letters before/after a position, address, URL and domain tokens |
//! | [`lines`] | line spans, trimmed spans, prose anchors that bound header and footer zones |
//! | [`wordset`] | a read-only word set of fingerprints for hot lookups |
//! | [`lexicon`] | every word list in `rules/`, parsed once, lazily, shared |
//! | [`sentences`] | the sentence holding a mark, and whether it is Chinese (Han words lead) |
//! | [`code`] | code blocks that lost their fences (listings, terminal sessions), found by their shape |
//! | [`spans`] | protected spans: code, templates, URLs and paths no prose rule may edit |

pub mod code;
pub mod lexicon;
pub mod lines;
pub mod scan;
pub mod script;
pub mod sentences;
pub mod sorted_lines;
pub mod spans;
pub mod wordset;
pub mod words;
