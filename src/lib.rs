//! vanban: a static site generator for archives of official directives.
//!
//! A build runs in stages, each a module taking the previous one's value:
//! [`load`] (walk, read, parse front matter) → [`validate`] (typed
//! directives, site-wide checks) → [`link`] (references resolved both ways)
//! → [`render`] (templates, in parallel) → [`write`] (staging folder, swap).

pub mod body;
pub mod build;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod link;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod stamp;
pub mod validate;
pub mod vietnamese;
pub mod write;

pub use build::{BuildError, BuildOptions, Progress, Report, build, build_with, check};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
