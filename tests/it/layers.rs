//! The library's modules are layered: each imports only from its own layer
//! or the ones below, so the stages run one way (load → validate → link →
//! render → write) on top of the helpers they share.
//!
//! Read from the source: every `crate::x` path of every file under `src/`
//! (not the command, `src/main.rs` and `src/cli/`, nor `src/bin/`, whose
//! `crate` is not the library), outside comments and `#[cfg(test)]` items.
//! Imports inside one top-level module are not checked here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lowest first. A module may import from those before it, never from
/// those after.
const LAYERS: &[&str] = &[
    "diagnostic",
    "date",
    "vietnamese",
    "stamp",
    "model",
    "body",
    "load",
    "config",
    "validate",
    "link",
    "render",
    "write",
    "build",
    "serve",
    "scaffold",
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|&m| m == module)
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's files, relative to `src/`, in order.
fn library_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a folder of src/") {
            let path = entry.expect("an entry of src/").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path.strip_prefix(root).expect("under src/").to_owned());
            }
        }
    }
    let root = src();
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.retain(|f| {
        !(f.starts_with("bin") || f.starts_with("cli") || f == Path::new("main.rs"))
            && f != Path::new("lib.rs")
    });
    files.sort();
    files
}

/// `render/pages/x.rs` → `render`, `model.rs` → `model`.
fn top_level(relative: &Path) -> String {
    let first = relative.components().next().expect("a file name");
    let first = first.as_os_str().to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

/// The file's lines that are compiled outside tests, with their numbers:
/// comments cut off, `#[cfg(test)]` items left out. The source is
/// formatted, so an item that opens a block at some indent closes it on a
/// line of its own at that indent.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "#[cfg(test)]" {
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim_start().starts_with("#[") {
                j += 1;
            }
            if j < lines.len() && !lines[j].trim_end().ends_with(';') {
                let close = format!("{indent}}}");
                while j < lines.len() && lines[j].trim_end() != close {
                    j += 1;
                }
            }
            i = j + 1;
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push((i + 1, code.to_owned()));
        i += 1;
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every `crate::x…` path of `text`, with its line: `x` and the path as
/// written. `crate::{a::b, c}` counts as `crate::a::b` and `crate::c`.
fn crate_paths(text: &str) -> Vec<(usize, String, String)> {
    let lines = code_lines(text);
    let mut found = Vec::new();
    // A `use crate::{…}` may run over several lines: the code is read as
    // one text, each character remembering its line.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (number, line) in &lines {
        chars.extend(line.chars().map(|c| (*number, c)));
        chars.push((*number, '\n'));
    }
    let text: String = chars.iter().map(|&(_, c)| c).collect();
    let at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| at.binary_search(&byte).expect("a char boundary");
    let word = |from: usize| -> String {
        text[from..]
            .chars()
            .take_while(|&c| is_ident(c) || c == ':')
            .collect::<String>()
            .trim_end_matches(':')
            .to_owned()
    };
    for (start, _) in text.match_indices("crate::") {
        // `my_crate::x` is not this crate.
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| is_ident(c) || c == ':')
        {
            continue;
        }
        let line = chars[char_at(start)].0;
        let after = start + "crate::".len();
        if text[after..].starts_with('{') {
            // The names at the group's first depth.
            let mut depth = 0;
            let mut expect_name = false;
            for (offset, c) in text[after..].char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        expect_name = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if expect_name && is_ident(c) => {
                        let path = word(after + offset);
                        let module = path.split("::").next().unwrap_or_default().to_owned();
                        found.push((line, module, format!("crate::{path}")));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            let path = word(after);
            let module = path.split("::").next().unwrap_or_default().to_owned();
            if !module.is_empty() {
                found.push((line, module, format!("crate::{path}")));
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_from_its_own_layer_or_below() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for relative in library_files() {
        let file = Path::new("src").join(&relative);
        let module = top_level(&relative);
        let Some(own) = layer(&module) else {
            wrong.push(format!(
                "{}: module `{module}` is in no layer of LAYERS",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(src().join(&relative)).expect("a source file");
        for (line, target, path) in crate_paths(&text) {
            seen += 1;
            if target == module {
                continue;
            }
            match layer(&target) {
                Some(to) if to <= own => {}
                Some(_) => wrong.push(format!(
                    "{}:{line}: imports {path} ({target}) from {module}",
                    file.display()
                )),
                None => wrong.push(format!(
                    "{}:{line}: imports {path}, and `{target}` is in no layer of LAYERS",
                    file.display()
                )),
            }
        }
    }
    // The reading above is not blind: the library imports across modules
    // in hundreds of places.
    assert!(
        seen > 100,
        "only {seen} crate:: paths found: the reading is broken"
    );
    assert!(
        wrong.is_empty(),
        "imports from a higher layer (order, lowest first: {}):\n{}",
        LAYERS.join(", "),
        wrong.join("\n")
    );
}

#[test]
fn every_module_of_the_library_has_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("src/lib.rs");
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .collect();
    let layered: BTreeSet<&str> = LAYERS.iter().copied().collect();
    assert_eq!(declared, layered, "src/lib.rs's modules and LAYERS differ");
}

#[test]
fn the_reading_finds_paths_and_skips_comments_and_tests() {
    let text = "\
//! See [`crate::render`].
use crate::date::Date;
use crate::{
    body::{self, Flavour},
    load::Node,
};
use crate::diagnostic; // crate::write
fn f() {
    crate::link::link(x);
    my_crate::serve::run();
}

#[cfg(test)]
mod tests {
    use crate::build;
}
";
    let found: Vec<(usize, String)> = crate_paths(text)
        .into_iter()
        .map(|(line, _, path)| (line, path))
        .collect();
    let expected = [
        (2, "crate::date::Date"),
        (3, "crate::body"),
        (3, "crate::load::Node"),
        (7, "crate::diagnostic"),
        (9, "crate::link::link"),
    ];
    let expected: Vec<(usize, String)> = expected.iter().map(|&(l, p)| (l, p.into())).collect();
    assert_eq!(found, expected);
}

/// The render stage's modules (`render/x.rs` or `render/x/`) that
/// `relative` (a file under `src/render/`) imports: its `crate::render::x`
/// and `super::x` paths, with their lines.
fn render_imports(relative: &Path, text: &str) -> Vec<(usize, String)> {
    let inside: Vec<String> = relative
        .strip_prefix("render")
        .expect("a file of render")
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod")
        .collect();
    // `super` of render/x.rs and of render/x/mod.rs is render; of
    // render/x/y.rs it is render::x.
    let parent = inside[..inside.len().saturating_sub(1)].to_vec();
    let mut found = Vec::new();
    for (line, code) in code_lines(text) {
        for (prefix, base) in [("crate::render::", Vec::new()), ("super::", parent.clone())] {
            for (start, _) in code.match_indices(prefix) {
                if code[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_ident(c) || c == ':')
                {
                    continue;
                }
                let name: String = code[start + prefix.len()..]
                    .chars()
                    .take_while(|&c| is_ident(c))
                    .collect();
                let path: Vec<String> = base.iter().cloned().chain([name]).collect();
                if let Some(first) = path.first().filter(|f| !f.is_empty()) {
                    found.push((line, first.clone()));
                }
            }
        }
    }
    found
}

/// Within the render stage, modules import one another one way: the views
/// below, the pages above them, the plan above the pages. A circle among
/// them (as the timeline, the overview, the directive page's views and
/// JSON-LD once were) means no piece can be read or changed alone.
#[test]
fn the_render_stage_has_no_circle_of_imports() {
    let mut edges: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    let mut seen = 0;
    for relative in library_files()
        .into_iter()
        .filter(|f| f.starts_with("render"))
    {
        let Some(own) = relative
            .strip_prefix("render")
            .ok()
            .and_then(|r| r.components().next())
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
        else {
            continue;
        };
        // The stage's root declares its modules and runs them.
        if own == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(src().join(&relative)).expect("a source file");
        for (_, target) in render_imports(&relative, &text) {
            seen += 1;
            if target != own {
                edges.entry(own.clone()).or_default().insert(target);
            }
        }
    }
    assert!(
        seen > 50,
        "only {seen} render imports found: the reading is broken"
    );
    // Depth-first, reporting the first circle met.
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(circle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!(
                "render's modules import in a circle: {}",
                circle.join(" → ")
            );
        }
    }
}
