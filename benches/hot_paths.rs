//! The hot paths of a build, one directive at a time: front matter,
//! Markdown, reference detection, search terms, template rendering.
//! `cargo bench --bench hot_paths`; whole builds are measured by
//! `bench/run.sh` (see BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vanban::body::{self, Flavour, references};
use vanban::load::front_matter;
use vanban::render::highlight::Highlighter;
use vanban::render::markdown;
use vanban::render::{Plan, Silent, Site};

/// The archive's longest directive, as editors write them.
fn sample() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2021/07-kl-tw.md"))
        .expect("the archive's 07-KL/TW")
}

fn hot_paths(c: &mut Criterion) {
    let text = sample();
    let split = front_matter::split(text.clone()).expect("valid front matter");
    let body = split.body.clone();

    c.bench_function("front matter: split and parse YAML", |b| {
        b.iter(|| front_matter::split(black_box(text.clone())));
    });
    c.bench_function("markdown: body to HTML", |b| {
        let highlighter = Highlighter::new();
        let settings = markdown::HtmlSettings {
            base_path: "",
            highlighter: &highlighter,
            raw_html: false,
        };
        b.iter(|| markdown::to_html(black_box(&body), Flavour::Directive, settings, None));
    });
    c.bench_function("body: text runs for search", |b| {
        b.iter(|| body::texts(&body::blocks(black_box(&body), body::Flavour::Directive)).count());
    });
    c.bench_function("references: detect numbers in the body", |b| {
        b.iter(|| references::in_markdown(black_box(&body)));
    });

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (loaded, _) = vanban::load::load(root);
    let (valid, _) = vanban::validate::validate(loaded, &Default::default());
    let (archive, _) = vanban::link::link(valid);
    let theme = vanban::render::theme::Theme::load(root, "default").expect("the default theme");
    let plan = Plan::new(Site::new(&archive, &theme));
    let bodies = vanban::load::BodySource::new(root);
    let job = |url: &str| {
        *plan
            .jobs()
            .iter()
            .find(|&&job| plan.url(job).as_deref() == Some(url))
            .expect("the page is in the archive")
    };
    // A page as `serve` renders it after a save: with the values it
    // shares made for it.
    let page = job("/2021/07-kl-tw/");
    c.bench_function("template: render the 07-KL/TW page", |b| {
        b.iter(|| {
            vanban::render::render(&plan, &bodies, &[black_box(page)], &Silent, |f| {
                black_box(f);
            })
        });
    });
    let timeline = job("/timeline/");
    c.bench_function("template: render the timeline", |b| {
        b.iter(|| {
            vanban::render::render(&plan, &bodies, &[black_box(timeline)], &Silent, |f| {
                black_box(f);
            })
        });
    });
}

criterion_group!(benches, hot_paths);
criterion_main!(benches);
