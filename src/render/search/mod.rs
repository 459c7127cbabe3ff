//! The search index, built with the site and read by the reader's browser:
//! no server, no other host, works offline and from any subpath.
//!
//! Vietnamese has only a few thousand distinct syllables, so the index is a
//! table of syllables (folded, and exact where they carry diacritics) to
//! the directives that contain them, split into shards by a hash of the
//! syllable: a query downloads the manifest and one shard per word, then
//! the metadata and text of the results it shows. Layout under `search/`:
//!
//! - `manifest.json`: counts and the shard count, some seventy bytes at
//!   any size of archive;
//! - `s/<n>.bin`: shard `n`: for each key, the directives containing it,
//!   with a term weight (see [`encode_shard`]). Besides words and numbers,
//!   each term a reader may filter by (see [`FILTERS`]) is a key of its
//!   own (see [`tokens::filter_key`]) holding every directive of the term,
//!   so a filtered query downloads one more shard per filter;
//! - `d/<n>.json`: metadata of directives `16n … 16n+15`, for result lists;
//!
//! A key held by more than [`HEAD`] directives (a very common word of a
//! large archive) keeps only its [`HEAD`] heaviest postings and the count
//! it has: the browser treats it as a word that adds to a result's score
//! but does not decide which directives match (see `search.js`).
//!
//! Snippets, and the paragraph a result links to, come from the result's
//! own page: the browser cuts it into passages at its anchors, so the
//! archive's text is not written a second time.

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod blocks16;
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
mod bytewise;
mod gathered;
mod short_words;
mod tokens;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use self::gathered::{Gathered, Pool};
use super::output::{Contents, OutputFile, json};
use super::summary::DirectiveSummary;
use super::taxonomy::{Facet, Taxonomy};
use crate::body::{self, Flavour};
use crate::link::{Archive, RelationSource};
use crate::load::BodySource;
use crate::model::Directive;

/// Directives per metadata file. A page of ten results names ten
/// directives far apart, so it fetches ten files: of 16 rows (4 KB) each,
/// not 64 (16 KB), which at 100,000 directives took 120 KB off a first
/// query on a slow phone line, and brought its results in sooner.
const CHUNK: usize = 16;
/// Words in a directive's header (kind, number, title, issuer) weigh this
/// much more than words of its text.
const HEADER_WEIGHT: u32 = 5;
/// The most postings a word or number key keeps: its heaviest ones. At
/// 100,000 directives a common syllable is in nearly every directive, and
/// its whole list is 100–200 KB compressed; a query of six such words
/// with diacritics fetches twelve keys. Heads of 12,000 postings are about
/// 15 KB compressed each at that size, so such a query stays near 240 KB
/// with everything else it loads, inside the 300 KB a first query may
/// cost; and an archive of up to 12,000 directives keeps every list whole.
const HEAD: usize = 12_000;

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
    /// The runs of a body of `source` bytes: its text without its markup,
    /// which nearly always fits in that much, room made once.
    pub(crate) fn of<'t>(runs: impl Iterator<Item = &'t str>, source: usize) -> Text {
        let mut text = Text {
            joined: String::with_capacity(source),
            ends: Vec::new(),
        };
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
        // every partial, and from the filters' pool, read from where each
        // was gathered.
        let (filters, filter_pool) = filter_keys(taxonomies);
        let mut pools = Vec::with_capacity(partials.len() + 1);
        let mut by_shard: Vec<Vec<(Box<str>, Gathered, usize)>> =
            (0..self.shard_count).map(|_| Vec::new()).collect();
        for partial in partials {
            for (key, postings) in partial.keys.into_iter().zip(partial.postings) {
                if !postings.is_empty() {
                    by_shard[tokens::shard_of(&key, self.shard_count) as usize].push((
                        key,
                        postings,
                        pools.len(),
                    ));
                }
            }
            pools.push(partial.pool);
        }
        for (key, postings) in filters {
            by_shard[tokens::shard_of(&key, self.shard_count) as usize].push((
                key,
                postings,
                pools.len(),
            ));
        }
        pools.push(filter_pool);
        // Unpacked a shard at a time, so the whole index is never held as
        // `u32`s at once.
        let shards = by_shard
            .into_par_iter()
            .map(|entries| {
                let mut bytes = Vec::new();
                let entries = entries
                    .into_iter()
                    .map(|(key, gathered, pool)| (key, gathered.postings(&pools[pool], &mut bytes)))
                    .collect();
                encode_shard(entries, HEAD)
            })
            .collect();
        SearchIndex {
            manifest: manifest(archive.directives.len(), self.shard_count),
            shards,
            chunks: summaries.par_chunks(CHUNK).map(chunk).collect(),
        }
    }
}

/// The index gathered by one worker. Keys are numbered in the order the
/// worker meets them: a language of a few thousand syllables meets the
/// same words over and over, so each word is lower-cased and folded once,
/// and counting a word is one lookup and an addition.
#[derive(Default)]
struct Partial {
    /// Words as written (any case) → their id here. Nearly every
    /// Vietnamese syllable fits in 16 bytes: those are keyed by their
    /// bytes as one integer, compared without a call to memcmp.
    short_words: short_words::ShortWords,
    long_words: FxHashMap<Box<str>, u32>,
    /// Per written word: its folded and exact key ids, lower-cased and
    /// folded once.
    written: Vec<(u32, Option<u32>)>,
    /// The directive being added, by written word: its words are counted
    /// as written and then added to their keys, once per word rather than
    /// once per occurrence and key.
    by_word: Tally,
    /// Key → id.
    ids: FxHashMap<Box<str>, u32>,
    /// Per key id: the key, and the directives that have it.
    keys: Vec<Box<str>>,
    postings: Vec<Gathered>,
    /// Where the postings' bytes are.
    pool: Pool,
}

/// The weights of the directive being added, by id, and which ids have
/// one: read out in the order first counted, so reading them costs what
/// the directive counted, not the size of the table.
struct Tally {
    weights: Vec<u32>,
    /// The ids counted, in `touched[..counted]`; one slot more than there
    /// are ids, so that [`Tally::count`] can always write the next.
    touched: Vec<u32>,
    counted: usize,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            weights: Vec::new(),
            touched: vec![0],
            counted: 0,
        }
    }
}

impl Tally {
    /// Room for one more id.
    fn grow(&mut self) {
        self.weights.push(0);
        self.touched.push(0);
    }

    /// Adds `weight` to `id`'s. Whether an id is counted for the first
    /// time in a directive follows no pattern a processor can predict
    /// (a word's first use against its repeats), so the id is written
    /// either way and kept by moving the end only if it was new: a
    /// branch there was mispredicted for about one word in four.
    #[inline(always)]
    fn count(&mut self, id: u32, weight: u32) {
        let slot = &mut self.weights[id as usize];
        let first = *slot == 0;
        *slot += weight;
        // `counted` moves once per id between takes, so it is at most the
        // number of ids, and `touched` has one slot more.
        self.touched[self.counted] = id;
        self.counted += usize::from(first);
    }

    /// Every id counted and its weight, the tally left empty.
    fn take(&mut self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let weights = &mut self.weights;
        let counted = std::mem::take(&mut self.counted);
        self.touched[..counted]
            .iter()
            .map(move |&id| (id, std::mem::take(&mut weights[id as usize])))
    }
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
                let id = self.word(text, word);
                self.by_word.count(id, weight);
            }
        }
        let doc = index as u32;
        for (id, weight) in self.by_word.take() {
            let (folded, exact) = self.written[id as usize];
            self.postings[folded as usize].count(&mut self.pool, doc, weight);
            if let Some(exact) = exact {
                self.postings[exact as usize].count(&mut self.pool, doc, weight);
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
                self.postings[id as usize].count(&mut self.pool, doc, weight);
            }
        }
    }

    /// The id of the word at `word` of `text` as written, its keys made
    /// when first met. The splitters' ranges lie within the text and
    /// between characters, so slicing by them cannot fail.
    // Inlined into the loop over the words, the rare first meeting kept
    // out of it: the call cost about a fifth of a lookup's instructions.
    #[inline(always)]
    fn word(&mut self, text: &str, word: Range<usize>) -> u32 {
        match pack_in(text.as_bytes(), word.clone()) {
            Some(packed) => match self.short_words.get(packed) {
                Some(id) => id,
                None => self.first_met(&text[word], Some(packed)),
            },
            None => self.long_word(&text[word]),
        }
    }

    /// The id of a word too long to pack: rare, so kept out of the loop.
    #[inline(never)]
    fn long_word(&mut self, word: &str) -> u32 {
        match self.long_words.get(word) {
            Some(&id) => id,
            None => self.first_met(word, None),
        }
    }

    /// A word met for the first time: its keys made and its id given.
    #[cold]
    #[inline(never)]
    fn first_met(&mut self, word: &str, packed: Option<u128>) -> u32 {
        let (folded, exact) = tokens::keys(&word.to_lowercase());
        let keys = (self.key(&folded), exact.map(|e| self.key(&e)));
        let id = self.written.len() as u32;
        self.written.push(keys);
        self.by_word.grow();
        match packed {
            Some(packed) => self.short_words.insert(packed, id),
            None => drop(self.long_words.insert(word.into(), id)),
        }
        id
    }

    fn key(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.postings.push(Gathered::default());
        id
    }
}

/// A word of at most 16 bytes as one integer, zero-padded: words hold no
/// zero bytes, so two words get the same integer only if they are equal.
/// Built from whole-word loads rather than by copying the bytes into a
/// buffer and reading it back: that read waited on the narrower stores
/// before it, and was a fifth of this lookup's time.
fn pack(bytes: &[u8]) -> Option<u128> {
    let n = bytes.len();
    // The `n` bytes at the front of `bytes[from..]`, for n ≤ 8, as the low
    // bytes of an integer: two overlapping loads, the second shifted.
    let low = |from: usize, n: usize| -> u64 {
        let part = &bytes[from..from + n];
        match n {
            0 => 0,
            1..=3 => part
                .iter()
                .rev()
                .fold(0, |value, &b| (value << 8) | u64::from(b)),
            4..=7 => {
                let head = u64::from(u32::from_le_bytes([part[0], part[1], part[2], part[3]]));
                let tail = u64::from(u32::from_le_bytes([
                    part[n - 4],
                    part[n - 3],
                    part[n - 2],
                    part[n - 1],
                ]));
                head | (tail << (8 * (n - 4)))
            }
            _ => u64::from_le_bytes([
                part[0], part[1], part[2], part[3], part[4], part[5], part[6], part[7],
            ]),
        }
    };
    match n {
        0..=8 => Some(u128::from(low(0, n))),
        9..=16 => Some(u128::from(low(0, 8)) | (u128::from(low(8, n - 8)) << 64)),
        _ => None,
    }
}

/// `LOW_BYTES[n]` keeps the low `n` bytes of an integer: read from a
/// table, since a shift of 128 bits by a variable amount is a dozen
/// instructions, paid once per word of the archive.
const LOW_BYTES: [u128; 17] = {
    let mut masks = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        masks[n] = u128::MAX >> (8 * (16 - n));
        n += 1;
    }
    masks
};

/// [`pack`] for the word at `word` of `bytes`: where sixteen bytes follow
/// its start, one load and a mask, with no branch on the word's length.
/// A syllable is one to seven bytes, which no processor predicts; the
/// branches [`pack`] takes on it were a sixth of those it mispredicted
/// while adding words (callgrind's branch simulation).
#[inline(always)]
fn pack_in(bytes: &[u8], word: Range<usize>) -> Option<u128> {
    let n = word.len();
    if !(1..=16).contains(&n) {
        return pack(&bytes[word]);
    }
    match bytes
        .get(word.start..word.start + 16)
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
    {
        // `n` is 1 to 16, within the table.
        Some(block) => Some(u128::from_le_bytes(block) & LOW_BYTES[n]),
        None => pack(&bytes[word]),
    }
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

/// The keys of the filters (see [`FILTERS`]): per term, every directive
/// of it, each with weight 1; and the pool they are gathered in.
fn filter_keys(taxonomies: &[Taxonomy]) -> (Vec<(Box<str>, Gathered)>, Pool) {
    let mut pool = Pool::default();
    let mut keys = Vec::new();
    for (facet, param) in FILTERS {
        let Some(taxonomy) = taxonomies.iter().find(|t| t.facet == facet) else {
            continue;
        };
        for term in &taxonomy.terms {
            let mut postings = Gathered::default();
            for &d in &term.directives {
                postings.push(&mut pool, d as u32, 1);
            }
            keys.push((
                tokens::filter_key(param, &term.slug).into_boxed_str(),
                postings,
            ));
        }
    }
    (keys, pool)
}

/// `varint(keys)`, then per key in byte order: `varint(len) key
/// varint(total) varint(groups)`, `total` being the directives that hold
/// the key; then the postings kept, grouped by weight, heaviest first,
/// each group `u8(weight) varint(n)` and `n` times `varint(directive
/// delta)` (from 0 in each group). Grouping by weight writes a weight once
/// per group instead of once per posting: half the bytes; compressed, an
/// eighth fewer for the heads of common words, about as many for whole
/// lists.
///
/// A word or number key held by more than `head` directives keeps only
/// its `head` heaviest postings (ties to the lower directive number), so
/// fewer postings than `total` are written; a filter key keeps them all,
/// since it decides which directives a filtered query may show.
/// `entries` may hold a key once per worker that met it.
fn encode_shard(mut entries: Vec<(Box<str>, Postings)>, head: usize) -> Vec<u8> {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut keys: Vec<(Box<str>, Postings)> = Vec::with_capacity(entries.len());
    for (key, postings) in entries {
        match keys.last_mut() {
            Some((last, merged)) if *last == key => merged.extend(postings),
            _ => keys.push((key, postings)),
        }
    }
    let mut out = Vec::new();
    let mut ranked = Vec::new();
    varint(&mut out, keys.len() as u32);
    for (key, mut postings) in keys {
        let total = postings.len();
        // Directives arrive in whatever order their pages were rendered:
        // a run in order for each stretch a worker rendered. The stable
        // sort finds those runs and merges them, where the unstable one
        // partitioned them again: 1.9 % of a build's time at 10,000
        // directives then, 0.5 % now (perf). A directive holds a key
        // once, so both give the same order.
        postings.sort();
        heaviest_first(&postings, &mut ranked);
        if total > head && !tokens::is_filter_key(&key) {
            ranked.truncate(head);
        }
        varint(&mut out, key.len() as u32);
        out.extend_from_slice(key.as_bytes());
        varint(&mut out, total as u32);
        let groups = ranked.chunk_by(|a, b| a >> 24 == b >> 24);
        varint(&mut out, groups.clone().count() as u32);
        for group in groups {
            out.push(255 - (group[0] >> 24) as u8);
            varint(&mut out, group.len() as u32);
            let mut previous = 0;
            for rank in group {
                let doc = rank & 0x00FF_FFFF;
                varint(&mut out, doc - previous);
                previous = doc;
            }
        }
    }
    out
}

/// `postings`, sorted by directive, as `(255 - weight) << 24 | directive`
/// into `ranked`, in order: the heaviest first, by directive within a
/// weight. A long list is counted out by weight (a directive holds a key
/// once, so this is its order) in two passes: sorting it again by weight
/// cost 2 % of a build's instructions.
fn heaviest_first(postings: &[u32], ranked: &mut Vec<u32>) {
    let rank = |posting: u32| ((255 - (posting & 0xFF)) << 24) | (posting >> 8);
    ranked.clear();
    if postings.len() < 64 {
        ranked.extend(postings.iter().map(|&p| rank(p)));
        ranked.sort_unstable();
        return;
    }
    let mut starts = [0usize; 256];
    for &posting in postings {
        starts[255 - (posting & 0xFF) as usize] += 1;
    }
    let mut next = 0;
    for start in &mut starts {
        let count = *start;
        *start = next;
        next += count;
    }
    ranked.resize(postings.len(), 0);
    for &posting in postings {
        let slot = &mut starts[255 - (posting & 0xFF) as usize];
        ranked[*slot] = rank(posting);
        *slot += 1;
    }
}

fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// What the browser reads first: its size does not grow with the archive
/// (version 1 held each directive's facets, 880 KB at 100,000 directives;
/// the filters are keys of the index now).
#[derive(Serialize)]
struct Manifest {
    version: u32,
    directives: usize,
    shards: u32,
    chunk: usize,
    /// The most postings a key keeps (see [`HEAD`]).
    head: usize,
}

fn manifest(directives: usize, shards: u32) -> Vec<u8> {
    json(&Manifest {
        version: 2,
        directives,
        shards,
        chunk: CHUNK,
        head: HEAD,
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
                s.date.vietnamese_short(),
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
        let packed: Vec<Option<u128>> = words.iter().map(|w| pack(w.as_bytes())).collect();
        for (i, a) in packed.iter().enumerate() {
            assert!(a.is_some(), "{}", words[i]);
            for b in &packed[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(pack(b"0123456789abcdefg"), None);
        // Every length packs as the zero-padded little-endian integer.
        let text = "0123456789abcdef";
        for n in 0..=16 {
            let mut buffer = [0u8; 16];
            buffer[..n].copy_from_slice(&text.as_bytes()[..n]);
            assert_eq!(
                pack(&text.as_bytes()[..n]),
                Some(u128::from_le_bytes(buffer)),
                "{n}"
            );
        }
    }

    #[test]
    fn a_word_packs_alike_wherever_it_stands_in_its_text() {
        // Words at every place: with sixteen bytes after them and without,
        // up to the last byte of the text, of every length to 17.
        let text = "a bc phòng Phòng nghiêng 0123456789abcdef 0123456789abcdefg đ";
        let bytes = text.as_bytes();
        for start in (0..bytes.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start + 1..=bytes.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    pack_in(bytes, start..end),
                    pack(&bytes[start..end]),
                    "{:?}",
                    &text[start..end]
                );
            }
        }
    }

    #[test]
    fn a_tally_reads_out_each_id_once_in_the_order_first_counted() {
        let mut tally = Tally::default();
        for _ in 0..4 {
            tally.grow();
        }
        for (id, weight) in [(2, 1), (0, 5), (2, 1), (3, 1), (0, 1), (2, 1)] {
            tally.count(id, weight);
        }
        assert_eq!(tally.take().collect::<Vec<_>>(), [(2, 3), (0, 6), (3, 1)]);
        // Emptied for the next directive, even when it counts every id.
        assert_eq!(tally.take().count(), 0);
        for id in [3, 2, 1, 0, 3] {
            tally.count(id, 1);
        }
        assert_eq!(
            tally.take().collect::<Vec<_>>(),
            [(3, 2), (2, 1), (1, 1), (0, 1)]
        );
    }

    /// A key read back: the key, its total, and its postings as
    /// `(directive, weight)` in the order written.
    type Decoded = (String, u32, Vec<(u32, u8)>);

    /// A shard read back.
    fn decode(shard: &[u8]) -> Vec<Decoded> {
        struct Reader<'a>(&'a [u8], usize);
        impl Reader<'_> {
            fn byte(&mut self) -> u8 {
                self.1 += 1;
                self.0[self.1 - 1]
            }
            fn varint(&mut self) -> u32 {
                let (mut value, mut shift) = (0u32, 0);
                loop {
                    let byte = self.byte();
                    value |= u32::from(byte & 0x7F) << shift;
                    shift += 7;
                    if byte < 0x80 {
                        return value;
                    }
                }
            }
        }
        let mut r = Reader(shard, 0);
        let mut out = Vec::new();
        for _ in 0..r.varint() {
            let len = r.varint() as usize;
            let key = String::from_utf8(shard[r.1..r.1 + len].to_vec()).unwrap();
            r.1 += len;
            let total = r.varint();
            let mut postings = Vec::new();
            for _ in 0..r.varint() {
                let weight = r.byte();
                let mut doc = 0;
                for _ in 0..r.varint() {
                    doc += r.varint();
                    postings.push((doc, weight));
                }
            }
            out.push((key, total, postings));
        }
        assert_eq!(r.1, shard.len(), "nothing after the last key");
        out
    }

    #[test]
    fn keys_from_every_worker_merge_in_order() {
        let shard = encode_shard(
            vec![
                ("phong".into(), vec![posting(7, 1), posting(2, 3)]),
                ("dich".into(), vec![posting(1, 1)]),
                ("phong".into(), vec![posting(4, 1)]),
            ],
            HEAD,
        );
        // Two keys; `dich` first, in 1; `phong` in 2 (weight 3), then in
        // 4 and 7 (weight 1, deltas 4 and 3).
        assert_eq!(
            shard,
            [
                2, 4, b'd', b'i', b'c', b'h', 1, 1, 1, 1, 1, 5, b'p', b'h', b'o', b'n', b'g', 3, 2,
                3, 1, 2, 1, 2, 4, 3
            ]
        );
        assert_eq!(
            decode(&shard),
            [
                ("dich".to_owned(), 1, vec![(1, 1)]),
                ("phong".to_owned(), 3, vec![(2, 3), (4, 1), (7, 1)]),
            ]
        );
    }

    #[test]
    fn a_key_above_the_head_keeps_its_heaviest_postings_and_its_total() {
        // Weights 1, 5, 2, 5, 3, 1, 4 in directives 0–6, met by two workers.
        let weights = [1, 5, 2, 5, 3, 1, 4];
        let postings: Vec<u32> = (0..7).map(|d| posting(d, weights[d as usize])).collect();
        let (first, second) = postings.split_at(3);
        let shard = encode_shard(
            vec![
                ("phong".into(), second.to_vec()),
                ("hiem".into(), vec![posting(9, 2), posting(3, 1)]),
                ("phong".into(), first.to_vec()),
            ],
            3,
        );
        assert_eq!(
            decode(&shard),
            [
                // Under the head: whole, heaviest first.
                ("hiem".to_owned(), 2, vec![(9, 2), (3, 1)]),
                // The two of weight 5, then of 4; the total is all seven.
                ("phong".to_owned(), 7, vec![(1, 5), (3, 5), (6, 4)]),
            ]
        );
        // Ties at the cut go to the lower directive.
        let tied = encode_shard(
            vec![("ban".into(), (0..6).rev().map(|d| posting(d, 2)).collect())],
            4,
        );
        assert_eq!(
            decode(&tied),
            [("ban".to_owned(), 6, vec![(0, 2), (1, 2), (2, 2), (3, 2)])]
        );
        // Weights above 255 were capped when counted.
        let capped = encode_shard(vec![("dich".into(), vec![posting(1, 900)])], 3);
        assert_eq!(decode(&capped), [("dich".to_owned(), 1, vec![(1, 255)])]);
    }

    #[test]
    fn long_lists_are_counted_out_in_the_order_a_sort_gives() {
        for len in [0, 1, 63, 64, 65, 1000] {
            // Directives in order, weights from a small generator, some
            // above what a byte holds.
            let postings: Vec<u32> = (0..len)
                .map(|d| posting(d, (d * 7919 % 13) + (d % 5) * 100))
                .collect();
            let mut ranked = vec![42];
            heaviest_first(&postings, &mut ranked);
            let mut expected: Vec<u32> = postings
                .iter()
                .map(|p| ((255 - (p & 0xFF)) << 24) | (p >> 8))
                .collect();
            expected.sort_unstable();
            assert_eq!(ranked, expected, "{len}");
        }
    }

    fn taxonomy(facet: Facet, terms: &[(&str, &[usize])]) -> Taxonomy {
        Taxonomy {
            facet,
            terms: terms
                .iter()
                .map(|(slug, directives)| super::super::taxonomy::Term {
                    slug: (*slug).to_owned(),
                    label: (*slug).to_owned(),
                    directives: directives.to_vec(),
                })
                .collect(),
        }
    }

    #[test]
    fn every_filter_term_is_a_key_holding_all_its_directives() {
        let taxonomies = [
            taxonomy(
                Facet::Kind,
                &[("cong-van", &[0, 2, 3, 4]), ("chi-thi", &[1])],
            ),
            taxonomy(Facet::Year, &[("2021", &[0, 1, 2, 3, 4])]),
            // Not a filter of search.
            taxonomy(Facet::Tag, &[("y-te", &[1])]),
        ];
        let (keys, pool) = filter_keys(&taxonomies);
        let names: Vec<&str> = keys.iter().map(|(k, _)| &**k).collect();
        assert_eq!(names, [":kind:cong-van", ":kind:chi-thi", ":year:2021"]);
        // A filter key is never cut, even above the head: every directive
        // of the term, weight 1.
        let keys = keys
            .into_iter()
            .map(|(k, g)| (k, g.postings(&pool, &mut Vec::new())))
            .collect();
        let shard = encode_shard(keys, 2);
        let decoded = decode(&shard);
        assert_eq!(decoded[0], (":kind:chi-thi".to_owned(), 1, vec![(1, 1)]));
        assert_eq!(
            decoded[1],
            (
                ":kind:cong-van".to_owned(),
                4,
                vec![(0, 1), (2, 1), (3, 1), (4, 1)]
            )
        );
        assert_eq!(decoded[2].1, 5);
        assert_eq!(decoded[2].2.len(), 5);
    }

    #[test]
    fn the_manifest_does_not_grow_with_the_archive() {
        assert_eq!(
            String::from_utf8(manifest(100_000, 2048)).unwrap(),
            r#"{"version":2,"directives":100000,"shards":2048,"chunk":16,"head":12000}"#
        );
    }
}
