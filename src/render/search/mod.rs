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
//! - `p/<id>.json`: a directive's passages with their anchors, for
//!   snippets and for linking to the paragraph where the words occur.

pub mod tokens;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::context::DirectiveSummary;
use super::taxonomy::{Facet, Taxonomy};
use crate::body::{self, Passage};
use crate::link::{Archive, RelationSource};
use crate::model::Directive;

/// Directives per metadata file.
pub const CHUNK: usize = 64;
/// Words in a directive's header (kind, number, title, issuer) weigh this
/// much more than words of its text.
const HEADER_WEIGHT: u32 = 5;

/// The built index, ready to write.
pub struct SearchIndex {
    pub manifest: Vec<u8>,
    pub shards: Vec<Vec<u8>>,
    pub chunks: Vec<Vec<u8>>,
}

/// An index key, shared between the directives that have it.
type Key = Arc<str>;
/// Directives containing a key, ascending, with the key's weight in each.
type Postings = Vec<(u32, u8)>;
/// One shard's keys and their postings.
type ShardTable = FxHashMap<Key, Postings>;

/// One directive's keys and their weights.
type Terms = Vec<(Key, u32)>;

/// The facets search filters by, and their query parameters.
pub const FILTERS: [(Facet, &str); 4] = [
    (Facet::Kind, "kind"),
    (Facet::Issuer, "issuer"),
    (Facet::Level, "level"),
    (Facet::Year, "year"),
];

/// Gathers the index while directive pages are rendered: each directive
/// job hands over the passages it has already read, so bodies are not
/// parsed again for search. [`Collector::finish`] reads the directives
/// nobody handed over (a partial rebuild in `serve`), then encodes.
pub struct Collector {
    shard_count: u32,
    shards: Vec<Mutex<ShardTable>>,
    added: Vec<AtomicBool>,
    /// One cache per worker thread (by rayon's thread index), so folding
    /// needs no shared lock.
    caches: Vec<Mutex<FoldCache>>,
}

impl Collector {
    pub fn new(directives: usize) -> Collector {
        let shard_count = shard_count(directives);
        Collector {
            shard_count,
            shards: (0..shard_count).map(|_| Mutex::default()).collect(),
            added: (0..directives).map(|_| AtomicBool::new(false)).collect(),
            caches: (0..rayon::current_num_threads() + 1)
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    /// Adds directive `index`, whose body reads as `passages`.
    pub fn add(&self, archive: &Archive, index: usize, passages: &[Passage]) {
        if self.added[index].swap(true, Ordering::Relaxed) {
            return;
        }
        let slot = rayon::current_thread_index()
            .map_or(self.caches.len() - 1, |t| t.min(self.caches.len() - 1));
        let terms = match self.caches[slot].lock() {
            Ok(mut cache) => terms(archive, index, passages, &mut cache),
            Err(_) => terms(archive, index, passages, &mut FoldCache::default()),
        };
        // Grouped by shard, so each shard is locked once.
        let mut by_shard: Vec<(u32, Key, u8)> = terms
            .into_iter()
            .map(|(key, weight)| {
                (
                    tokens::shard_of(&key, self.shard_count),
                    key,
                    weight.min(255) as u8,
                )
            })
            .collect();
        by_shard.sort_unstable_by_key(|t| t.0);
        let doc = index as u32;
        for run in by_shard.chunk_by(|a, b| a.0 == b.0) {
            if let Ok(mut table) = self.shards[run[0].0 as usize].lock() {
                for (_, key, weight) in run {
                    table.entry(key.clone()).or_default().push((doc, *weight));
                }
            }
        }
    }

    /// The finished index. Directives not added yet are read now.
    pub fn finish(
        &self,
        archive: &Archive,
        summaries: &[DirectiveSummary],
        taxonomies: &[Taxonomy],
    ) -> SearchIndex {
        (0..archive.directives.len())
            .into_par_iter()
            .filter(|&i| !self.added[i].load(Ordering::Relaxed))
            .for_each(|i| self.add(archive, i, &body::passages(&archive.directives[i].body)));
        let tables: Vec<ShardTable> = self
            .shards
            .iter()
            .map(|m| {
                m.lock()
                    .map(|mut t| std::mem::take(&mut *t))
                    .unwrap_or_default()
            })
            .collect();
        // Reset, so the collector can serve the next build of a session.
        for added in &self.added {
            added.store(false, Ordering::Relaxed);
        }
        let shards = tables.into_par_iter().map(encode_shard).collect();
        SearchIndex {
            manifest: manifest(archive.directives.len(), taxonomies, self.shard_count),
            shards,
            chunks: summaries.chunks(CHUNK).map(chunk).collect(),
        }
    }
}

/// The keys of words already seen by one worker: a language of a few
/// thousand syllables folds the same words over and over, and shared
/// keys are counted references, not copies.
#[derive(Default)]
struct FoldCache {
    keys: FxHashMap<Box<str>, (Key, Option<Key>)>,
}

impl FoldCache {
    /// The keys of `word` as written (any case).
    fn keys(&mut self, word: &str) -> (Key, Option<Key>) {
        if let Some(keys) = self.keys.get(word) {
            return keys.clone();
        }
        let (folded, exact) = tokens::keys(&word.to_lowercase());
        let keys: (Key, Option<Key>) = (folded.into(), exact.map(Key::from));
        self.keys.insert(word.into(), keys.clone());
        keys
    }
}

/// About one shard per 20 directives, as a power of two from 1 to 2048:
/// a shard stays a few tens of kilobytes at any size of archive.
fn shard_count(directives: usize) -> u32 {
    ((directives / 20).max(1).next_power_of_two()).min(2048) as u32
}

/// A directive's keys: folded and exact words of its header (weighted)
/// and text, and its own and cited numbers in compact form.
fn terms(archive: &Archive, index: usize, passages: &[Passage], cache: &mut FoldCache) -> Terms {
    let directive = &archive.directives[index];
    // Count each distinct word as written; lower-case and fold it once.
    let header = header(directive);
    let mut counts: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(1024, Default::default());
    let texts = std::iter::once((header.as_str(), HEADER_WEIGHT))
        .chain(passages.iter().map(|p| (p.text.as_str(), 1)));
    for (text, weight) in texts {
        for word in tokens::split(text) {
            *counts.entry(word).or_default() += weight;
        }
    }
    let mut weights: FxHashMap<Key, u32> =
        FxHashMap::with_capacity_and_hasher(counts.len(), Default::default());
    for (word, weight) in counts {
        let (folded, exact) = cache.keys(word);
        *weights.entry(folded).or_default() += weight;
        if let Some(exact) = exact {
            *weights.entry(exact).or_default() += weight;
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
            *weights.entry(key.into()).or_default() += weight;
        }
    }
    weights.into_iter().collect()
}

/// What a reader may search a directive by besides its text.
pub fn header(directive: &Directive) -> String {
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
fn encode_shard(table: ShardTable) -> Vec<u8> {
    let mut keys: Vec<(Key, Postings)> = table.into_iter().collect();
    // Directives arrive in whatever order their pages were rendered.
    for (_, postings) in &mut keys {
        postings.sort_unstable_by_key(|p| p.0);
    }
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    varint(&mut out, keys.len() as u32);
    for (key, postings) in keys {
        varint(&mut out, key.len() as u32);
        out.extend_from_slice(key.as_bytes());
        varint(&mut out, postings.len() as u32);
        let mut previous = 0;
        for (doc, weight) in postings {
            varint(&mut out, doc - previous);
            out.push(weight);
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
    super::json(&Manifest {
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
    super::json(&rows)
}

/// Where a directive's passages are: `search/p/2021/07-kl-tw.json`.
pub fn passages_path(id: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("search/p/{id}.json"))
}

/// `[[anchor, text], …]`: the header first (anchor ""), then the passages.
pub fn passages_file(directive: &Directive, passages: &[Passage]) -> Vec<u8> {
    let mut rows: Vec<(&str, String)> = vec![("", header(directive))];
    rows.extend(
        passages
            .iter()
            .map(|p| (p.anchor.as_deref().unwrap_or(""), p.text.clone())),
    );
    super::json(&rows)
}
