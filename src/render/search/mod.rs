//! The search index, built with the site and read by the reader's browser:
//! no server, no other host, works offline and from any subpath.
//!
//! Vietnamese has only a few thousand distinct syllables, so the index is a
//! table of syllables (folded, and exact where they carry diacritics) to
//! the directives that contain them, split into shards by a hash of the
//! syllable: a query downloads the manifest and one shard per word, then
//! the metadata and text of the results it shows. Layout under `search/`:
//!
//! - `manifest.json`: counts, shard count, facet values, each directive's
//!   facets (for filters without further downloads);
//! - `s/<n>.bin`: shard `n`: for each key, the directives containing it,
//!   with a term weight (see [`encode_shard`]);
//! - `d/<n>.json`: metadata of directives `64n … 64n+63`, for result lists;
//!
//! Snippets, and the paragraph a result links to, come from the result's
//! own page: the browser cuts it into passages at its anchors, so the
//! archive's text is not written a second time.

mod tokens;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::output::{Contents, OutputFile, json};
use super::summary::DirectiveSummary;
use super::taxonomy::{Facet, Taxonomy};
use crate::body::{self, Flavour};
use crate::link::{Archive, RelationSource};
use crate::load::BodySource;
use crate::model::Directive;

/// Directives per metadata file.
const CHUNK: usize = 64;
/// Words in a directive's header (kind, number, title, issuer) weigh this
/// much more than words of its text.
const HEADER_WEIGHT: u32 = 5;

/// The built index, ready to write.
pub(crate) struct SearchIndex {
    manifest: Vec<u8>,
    shards: Vec<Vec<u8>>,
    chunks: Vec<Vec<u8>>,
}

const MANIFEST: &str = "search/manifest.json";

fn shard_path(n: usize) -> PathBuf {
    PathBuf::from(format!("search/s/{n}.bin"))
}

fn chunk_path(n: usize) -> PathBuf {
    PathBuf::from(format!("search/d/{n}.json"))
}

/// The files of the index of an archive of `directives`, known before it
/// is made: the manifest, every shard (empty ones too), every chunk.
pub(crate) fn files(directives: usize) -> Vec<PathBuf> {
    let shards = shard_count(directives) as usize;
    std::iter::once(PathBuf::from(MANIFEST))
        .chain((0..shards).map(shard_path))
        .chain((0..directives.div_ceil(CHUNK)).map(chunk_path))
        .collect()
}

impl SearchIndex {
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let file = |path: PathBuf, bytes: Vec<u8>| OutputFile {
            path,
            contents: Contents::Bytes(bytes),
        };
        let mut files = vec![file(PathBuf::from(MANIFEST), self.manifest)];
        files.extend(
            self.shards
                .into_iter()
                .enumerate()
                .map(|(n, shard)| file(shard_path(n), shard)),
        );
        files.extend(
            self.chunks
                .into_iter()
                .enumerate()
                .map(|(n, chunk)| file(chunk_path(n), chunk)),
        );
        files
    }
}

/// A directive's body as search reads it: its text runs (see
/// [`body::texts`]), kept once the page that parsed it is rendered.
#[derive(Debug, Default)]
pub(crate) struct Text {
    joined: String,
    ends: Vec<usize>,
}

impl Text {
    pub(crate) fn of<'t>(runs: impl Iterator<Item = &'t str>) -> Text {
        let mut text = Text::default();
        for run in runs {
            text.joined.push_str(run);
            text.ends.push(text.joined.len());
        }
        text
    }

    pub(crate) fn runs(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.joined[start..end])
    }
}

/// Directives containing a key, each with the key's weight in it, packed
/// into one `u32` as `directive << 8 | weight`: half the memory of a
/// pair, which counts at 100,000 directives (tens of millions of
/// postings). 24 bits of directive number are 16.7 million directives, a
/// hundred times a national archive.
type Postings = Vec<u32>;

fn posting(doc: u32, weight: u32) -> u32 {
    (doc << 8) | weight.min(255)
}

/// The facets search filters by, and their query parameters.
pub(crate) const FILTERS: [(Facet, &str); 4] = [
    (Facet::Kind, "kind"),
    (Facet::Issuer, "issuer"),
    (Facet::Level, "level"),
    (Facet::Year, "year"),
];

/// Gathers the index from the texts the directive pages give (see
/// [`super::page::Rendered`]), so bodies are not parsed again for search;
/// [`Collector::add_missing`] reads those no page gave (a partial rebuild
/// in `serve`), and [`Collector::finish`] merges and encodes.
pub(crate) struct Collector {
    shard_count: u32,
    added: Vec<AtomicBool>,
    /// One partial index per worker thread (by rayon's thread index), so
    /// workers share no lock; the last one is for callers outside the pool.
    partials: Vec<Mutex<Partial>>,
}

impl Collector {
    pub(crate) fn new(directives: usize) -> Collector {
        Collector {
            shard_count: shard_count(directives),
            added: (0..directives).map(|_| AtomicBool::new(false)).collect(),
            partials: (0..rayon::current_num_threads() + 1)
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    /// Adds directive `index`, whose body reads as `texts` (see
    /// [`body::texts`]).
    pub(crate) fn add<'t>(
        &self,
        archive: &Archive,
        index: usize,
        texts: impl Iterator<Item = &'t str>,
    ) {
        if self.added[index].swap(true, Ordering::Relaxed) {
            return;
        }
        let slot = rayon::current_thread_index()
            .map_or(self.partials.len() - 1, |t| t.min(self.partials.len() - 1));
        if let Ok(mut partial) = self.partials[slot].lock() {
            partial.add(archive, index, texts);
        }
    }

    /// Reads the directives not added yet from `bodies` and adds them.
    pub(crate) fn add_missing(&self, archive: &Archive, bodies: &BodySource) {
        (0..archive.directives.len())
            .into_par_iter()
            .filter(|&i| !self.added[i].load(Ordering::Relaxed))
            .for_each(|i| {
                // A file that cannot be read again changed since it was
                // loaded: `serve` is about to rebuild with it.
                if let Ok(text) = bodies.read(&archive.directives[i]) {
                    let blocks = body::blocks(&text, Flavour::Directive);
                    self.add(archive, i, body::texts(&blocks));
                }
            });
    }

    /// The finished index.
    pub(crate) fn finish(
        &self,
        archive: &Archive,
        summaries: &[DirectiveSummary],
        taxonomies: &[Taxonomy],
    ) -> SearchIndex {
        // Taking the partials resets the collector for the next build of
        // a session.
        let partials: Vec<Partial> = self
            .partials
            .iter()
            .map(|m| {
                m.lock()
                    .map(|mut p| std::mem::take(&mut *p))
                    .unwrap_or_default()
            })
            .collect();
        for added in &self.added {
            added.store(false, Ordering::Relaxed);
        }
        // Each partial knows a key at most once; a shard gathers it from
        // every partial.
        let mut by_shard: Vec<Vec<(Box<str>, Postings)>> =
            vec![Vec::new(); self.shard_count as usize];
        for partial in partials {
            for (key, postings) in partial.keys.into_iter().zip(partial.postings) {
                if !postings.is_empty() {
                    by_shard[tokens::shard_of(&key, self.shard_count) as usize]
                        .push((key, postings));
                }
            }
        }
        let shards = by_shard.into_par_iter().map(encode_shard).collect();
        SearchIndex {
            manifest: manifest(archive.directives.len(), taxonomies, self.shard_count),
            shards,
            chunks: summaries.chunks(CHUNK).map(chunk).collect(),
        }
    }
}

/// The index gathered by one worker. Keys are numbered in the order the
/// worker meets them: a language of a few thousand syllables meets the
/// same words over and over, so each word is lower-cased and folded once,
/// and counting a word is one lookup and an addition.
#[derive(Default)]
struct Partial {
    /// Words as written (any case) → their folded and exact key ids.
    /// Nearly every Vietnamese syllable fits in 16 bytes: those are keyed
    /// by their bytes as one integer, compared without a call to memcmp.
    short_words: FxHashMap<u128, (u32, Option<u32>)>,
    long_words: FxHashMap<Box<str>, (u32, Option<u32>)>,
    /// Key → id.
    ids: FxHashMap<Box<str>, u32>,
    /// Per key id: the key, and the directives that have it.
    keys: Vec<Box<str>>,
    postings: Vec<Postings>,
    /// Per key id, the directive being added: its weight there, and the
    /// ids with a weight.
    weights: Vec<u32>,
    touched: Vec<u32>,
}

impl Partial {
    /// Adds a directive's keys: folded and exact words of its header
    /// (weighted) and text, and its own and cited numbers in compact form.
    fn add<'t>(&mut self, archive: &Archive, index: usize, texts: impl Iterator<Item = &'t str>) {
        let directive = &archive.directives[index];
        let header = header(directive);
        let texts = std::iter::once((header.as_str(), HEADER_WEIGHT)).chain(texts.map(|t| (t, 1)));
        for (text, weight) in texts {
            for word in tokens::split(text) {
                let (folded, exact) = self.word(word);
                self.count(folded, weight);
                if let Some(exact) = exact {
                    self.count(exact, weight);
                }
            }
        }
        // Numbers: the linker already found those of the text.
        let cited = archive.relations[index]
            .iter()
            .filter(|r| r.source == RelationSource::Text)
            .filter_map(|r| r.number.as_deref())
            .map(|n| (n, 1));
        let own = directive.number.as_deref().map(|n| (n, HEADER_WEIGHT * 2));
        for (number, weight) in cited.chain(own) {
            let key = tokens::compact_number(number);
            if !key.is_empty() {
                let id = self.key(&key);
                self.count(id, weight);
            }
        }
        let doc = index as u32;
        for id in self.touched.drain(..) {
            let weight = std::mem::take(&mut self.weights[id as usize]);
            self.postings[id as usize].push(posting(doc, weight));
        }
    }

    /// The key ids of `word` as written.
    fn word(&mut self, word: &str) -> (u32, Option<u32>) {
        let packed = pack(word);
        let known = match packed {
            Some(packed) => self.short_words.get(&packed),
            None => self.long_words.get(word),
        };
        if let Some(&ids) = known {
            return ids;
        }
        let (folded, exact) = tokens::keys(&word.to_lowercase());
        let ids = (self.key(&folded), exact.map(|e| self.key(&e)));
        match packed {
            Some(packed) => self.short_words.insert(packed, ids),
            None => self.long_words.insert(word.into(), ids),
        };
        ids
    }

    fn key(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.postings.push(Vec::new());
        self.weights.push(0);
        id
    }

    fn count(&mut self, id: u32, weight: u32) {
        let slot = &mut self.weights[id as usize];
        if *slot == 0 {
            self.touched.push(id);
        }
        *slot += weight;
    }
}

/// A word of at most 16 bytes as one integer, zero-padded: words hold no
/// zero bytes, so two words get the same integer only if they are equal.
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| {
        let mut buffer = [0u8; 16];
        buffer[..bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(buffer)
    })
}

/// About one shard per 20 directives, as a power of two from 1 to 2048:
/// a shard stays a few tens of kilobytes at any size of archive.
fn shard_count(directives: usize) -> u32 {
    ((directives / 20).max(1).next_power_of_two()).min(2048) as u32
}

/// What a reader may search a directive by besides its text.
pub(crate) fn header(directive: &Directive) -> String {
    let mut header = format!(
        "{} {} {} {} {} {}",
        directive.kind,
        directive.number.as_deref().unwrap_or(""),
        directive.title,
        directive.issuer,
        directive.date.vietnamese_short(),
        directive.date.year
    );
    for extra in directive
        .tags
        .iter()
        .chain(&directive.localities)
        .chain(&directive.place)
    {
        header.push(' ');
        header.push_str(extra);
    }
    header
}

/// `varint(keys)`, then per key in byte order: `varint(len) key
/// varint(n)` and `n` pairs `varint(directive delta) u8(weight)`.
/// `entries` may hold a key once per worker that met it.
fn encode_shard(mut entries: Vec<(Box<str>, Postings)>) -> Vec<u8> {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut keys: Vec<(Box<str>, Postings)> = Vec::with_capacity(entries.len());
    for (key, postings) in entries {
        match keys.last_mut() {
            Some((last, merged)) if *last == key => merged.extend(postings),
            _ => keys.push((key, postings)),
        }
    }
    let mut out = Vec::new();
    varint(&mut out, keys.len() as u32);
    for (key, mut postings) in keys {
        // Directives arrive in whatever order their pages were rendered;
        // a directive holds a key once, so this orders by directive.
        postings.sort_unstable();
        varint(&mut out, key.len() as u32);
        out.extend_from_slice(key.as_bytes());
        varint(&mut out, postings.len() as u32);
        let mut previous = 0;
        for posting in postings {
            let doc = posting >> 8;
            varint(&mut out, doc - previous);
            out.push(posting as u8);
            previous = doc;
        }
    }
    out
}

fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[derive(Serialize)]
struct Manifest {
    version: u32,
    directives: usize,
    shards: u32,
    chunk: usize,
    /// Per filter (see [`FILTERS`]): its terms as `[slug, label]`.
    facets: Vec<Vec<(String, String)>>,
    /// Per directive, per filter: the index of its term (or -1).
    directive_facets: Vec<i32>,
}

fn manifest(directives: usize, taxonomies: &[Taxonomy], shards: u32) -> Vec<u8> {
    let mut facets = Vec::new();
    let mut directive_facets = vec![-1; directives * FILTERS.len()];
    for (f, (facet, _)) in FILTERS.iter().enumerate() {
        let terms = taxonomies
            .iter()
            .find(|t| t.facet == *facet)
            .map_or(&[][..], |t| t.terms.as_slice());
        for (index, term) in terms.iter().enumerate() {
            for &d in &term.directives {
                directive_facets[d * FILTERS.len() + f] = index as i32;
            }
        }
        facets.push(
            terms
                .iter()
                .map(|t| (t.slug.clone(), t.label.clone()))
                .collect(),
        );
    }
    json(&Manifest {
        version: 1,
        directives,
        shards,
        chunk: CHUNK,
        facets,
        directive_facets,
    })
}

/// `[id, href, kind, number, date, title, issuer, level]` per directive.
fn chunk(summaries: &[DirectiveSummary]) -> Vec<u8> {
    let rows: Vec<_> = summaries
        .iter()
        .map(|s| {
            (
                &s.id,
                &s.href,
                &s.kind,
                &s.number,
                &s.date.short,
                &s.title,
                &s.issuer,
                s.level.as_ref().map(|l| l.label),
            )
        })
        .collect();
    json(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_pack_without_collisions() {
        let words = [
            "",
            "a",
            "phòng",
            "phong",
            "Phòng",
            "đ",
            "d",
            "nghiêng",
            "0123456789abcdef",
        ];
        let packed: Vec<Option<u128>> = words.iter().map(|w| pack(w)).collect();
        for (i, a) in packed.iter().enumerate() {
            assert!(a.is_some(), "{}", words[i]);
            for b in &packed[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(pack("0123456789abcdefg"), None);
    }

    #[test]
    fn keys_from_every_worker_merge_in_order() {
        let shard = encode_shard(vec![
            ("phong".into(), vec![posting(7, 1), posting(2, 3)]),
            ("dich".into(), vec![posting(1, 1)]),
            ("phong".into(), vec![posting(4, 2)]),
        ]);
        // Two keys; `dich` first; `phong` in 2, 4, 7 (deltas 2, 2, 3).
        assert_eq!(
            shard,
            [
                2, 4, b'd', b'i', b'c', b'h', 1, 1, 1, 5, b'p', b'h', b'o', b'n', b'g', 3, 2, 3, 2,
                2, 3, 1
            ]
        );
    }
}
