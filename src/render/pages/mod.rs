//! The kinds of page, one per file. Each says which pages of its kind the
//! site has, where they go, what they read and how they are rendered (see
//! [`super::page::PageKind`]); [`super::plan`] lists them.

pub(crate) mod directive;
pub(crate) mod directive_html;
pub(crate) mod directives_json;
pub(crate) mod feeds;
pub(crate) mod free_page;
pub(crate) mod front;
pub(crate) mod not_found;
pub(crate) mod references;
pub(crate) mod references_html;
pub(crate) mod related;
pub(crate) mod search;
pub(crate) mod statics;
pub(crate) mod taxonomy;
pub(crate) mod term;
pub(crate) mod timeline;
pub(crate) mod timeline_month;
pub(crate) mod timeline_term;
pub(crate) mod timeline_year;
