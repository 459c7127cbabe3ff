//! The integration tests, as one test binary (as mdBook does): one module
//! per suite, all sharing [`common`], so they compile and link once.
//! `cargo test --test it` runs them all, `cargo test --test it serve::`
//! one suite. Tests in one binary run in parallel, one per core.
//!
//! Two suites are binaries of their own, so that nothing else runs while
//! they do (cargo runs test binaries one after another): `serve_load`, a
//! twenty-second load test, and `lighthouse`, which scores performance
//! (see the top of each file).

mod common;

mod archive;
mod bounded;
mod browser;
mod cli;
mod confinement;
mod editors;
mod errors;
mod faults;
mod fuzz_inputs;
mod layers;
mod output;
mod references;
mod scale;
mod search;
mod security;
mod seeds;
mod serve;
mod settings;
mod snapshots;
mod themes;
mod timeline;
mod validity;
mod weight;
