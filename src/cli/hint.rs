//! The next command to run, written so that it works where it is shown:
//! `vanban` only when that name runs this very program.

use std::path::{Path, PathBuf};

/// How to serve the site just made in `dir`: `cd DIR && vanban serve`
/// when `vanban` on PATH is the running binary, else the binary's own
/// path with `serve --root DIR` (say, after `cargo run -- init`).
pub(crate) fn serve(dir: &Path) -> String {
    match running_binary() {
        Some(binary) if on_path("vanban").as_deref() == Some(binary.as_path()) => {
            format!("cd {} && vanban serve", shell_word(&dir.to_string_lossy()))
        }
        Some(binary) => format!(
            "{} serve --root {}",
            shell_word(&binary.to_string_lossy()),
            shell_word(&dir.to_string_lossy())
        ),
        None => format!("vanban serve --root {}", shell_word(&dir.to_string_lossy())),
    }
}

fn running_binary() -> Option<PathBuf> {
    std::env::current_exe().ok()?.canonicalize().ok()
}

/// The program a shell would run for `name`, links resolved.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(name))
        .find(|candidate| candidate.is_file())
        .and_then(|found| found.canonicalize().ok())
}

/// `text` as one word for a POSIX shell: as it is when it holds only
/// characters no shell reads specially, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+:,@%".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_spaces_or_quotes_are_quoted() {
        assert_eq!(shell_word("kho-van-ban"), "kho-van-ban");
        assert_eq!(shell_word("kho văn bản"), "'kho văn bản'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
