pub(crate) mod hint;
pub(crate) mod progress;
pub(crate) mod report;
pub(crate) mod serve;
