pub mod hint;
pub mod progress;
pub mod report;
pub mod serve;
