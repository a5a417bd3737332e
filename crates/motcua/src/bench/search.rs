//! `motcua bench search`: latency of the search box and recall@10, for MotCua's search
//! and for the FTS5 baseline, on one generated register.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use motcua_core::record::RegisterRecord;
use motcua_core::store::{Credentials, Store};
use motcua_core::text::fold;
use motcua_demo::DemoConfig;

use super::fts::Fts;
use super::queries::{Relevance, birth_year, keystrokes, recall_at_10, with_one_typo};
use super::{Latencies, build_kind, ms};

#[derive(Args)]
pub struct SearchBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    residents: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many records the queries are made from.
    #[arg(long, default_value_t = 300)]
    queries: usize,
    /// Keep the register here instead of a temporary folder.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Of those, how many the FTS5 baseline's latency is measured on: at a million
    /// residents one FTS5 prefix query can take a second.
    #[arg(long, default_value_t = 50)]
    baseline_queries: usize,
    /// Encrypt the register (SQLCipher, key from a fixed bench password by Argon2id), to
    /// compare with a run without. The FTS5 baseline is left out then (and with
    /// `--baseline-queries 0`).
    #[arg(long)]
    encrypted: bool,
    /// How many times the register is opened afresh and its search index built.
    #[arg(long, default_value_t = 5)]
    unlocks: usize,
    /// Measure a plaintext and an encrypted copy of the register turn about (unlocks and
    /// queries alternating), with the ratio of each figure; recall and FTS5 are left out.
    #[arg(long)]
    paired: bool,
    /// Print this many of the slowest queries of each kind (for tuning).
    #[arg(long, default_value_t = 0)]
    slowest: usize,
    /// Print each recall query that missed, with its first hits (for tuning).
    #[arg(long)]
    misses: bool,
}

/// Hits asked for, as the app asks.
pub(super) const LIMIT: usize = 50;

pub fn run(args: SearchBenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = args.db.clone().unwrap_or_else(|| dir.path().join("bench.sqlite3"));
    if db.exists() {
        anyhow::bail!("{} exists; bench makes its own register", db.display());
    }
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };
    println!("residents {}  seed {}  ({} build)", args.residents, args.seed, build_kind());

    let t = Instant::now();
    let ward = motcua_demo::generate(&config)?;
    println!("generate demo ward        {:>9.1} ms", ms(t.elapsed()));
    if args.paired {
        return super::search_paired::run(&ward, dir.path(), args.queries, args.unlocks);
    }
    let t = Instant::now();
    let key = args.encrypted.then(|| Credentials::new("bench", "bench password"));
    let mut store = Store::open(&db, key.as_ref())?;
    super::write_demo_ward(&mut store, &ward)?;
    println!("write register            {:>9.1} ms", ms(t.elapsed()));
    drop(store);
    let size = std::fs::metadata(&db).context("register file")?.len();
    println!("register file             {:>9.1} MB", size as f64 / 1e6);

    // Each unlock is a fresh open of the file, as after a lock or a restart; the
    // machine's noise moves a single build by a third, so report the median and best.
    let (mut opens, mut builds, mut ready) =
        (Latencies::default(), Latencies::default(), Latencies::default());
    let mut last = None;
    for _ in 0..args.unlocks.max(1) {
        drop(last.take());
        let t = Instant::now();
        let store = Store::open(&db, key.as_ref())?;
        let opened = t.elapsed();
        let stats = store.prepare_search()?;
        opens.push(opened);
        builds.push(t.elapsed() - opened);
        ready.push(t.elapsed());
        last = Some((store, stats));
    }
    let (store, stats) = last.expect("at least one unlock");
    println!("\n{:<34} {:>6} {:>8} {:>8} {:>8}", "unlock (ms)", "n", "median", "best", "worst");
    for (label, l) in [
        ("open (Argon2id if encrypted)", &mut opens),
        ("build search index", &mut builds),
        ("open + build: ready to search", &mut ready),
    ] {
        println!("{label:<34} {}", l.spread());
    }
    println!(
        "search index              {:>9.1} MB  ({} persons, {} name words, {} street words)",
        stats.heap_bytes as f64 / 1e6,
        stats.persons,
        stats.name_words,
        stats.street_words
    );
    let fts = if args.encrypted || args.baseline_queries == 0 {
        None
    } else {
        let (fts, fts_build) = Fts::build(&db)?;
        println!("FTS5 baseline index       {:>9.1} ms", ms(fts_build));
        // Building the FTS5 table committed through another connection, which the search
        // index notices and rebuilds for; do that here, not in the first timed query.
        store.prepare_search()?;
        Some(fts)
    };

    let step = (ward.records.len() / args.queries.max(1)).max(1);
    let sample: Vec<&RegisterRecord> = ward.records.iter().step_by(step).take(args.queries).collect();

    println!("\n{:<34} {:>33}   {:>33}", "latency (ms)", "MotCua: n p50 p99 max", "FTS5: n p50 p99 max");
    for kind in QueryKind::ALL {
        let (mut ours, mut base) = (Latencies::default(), Latencies::default());
        let mut slow: Vec<(std::time::Duration, String)> = Vec::new();
        for (i, r) in sample.iter().enumerate() {
            for q in kind.queries(r, i) {
                let t = Instant::now();
                store.search(&q, LIMIT)?;
                ours.push(t.elapsed());
                if args.slowest > 0 {
                    slow.push((t.elapsed(), q.clone()));
                }
                if let Some(fts) = fts.as_ref().filter(|_| kind.has_baseline() && i < args.baseline_queries) {
                    let t = Instant::now();
                    fts.search(&q, LIMIT)?;
                    base.push(t.elapsed());
                }
            }
        }
        println!("{:<34} {}   {}", kind.label(), ours.summary(), base.summary());
        slow.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (d, q) in slow.iter().take(args.slowest) {
            println!("    {:>8.2} ms  {q:?}", ms(*d));
        }
    }

    let relevance = Relevance::new(&ward.records);
    println!("\n{:<34} {:>6} {:>12} {:>12} {:>14}", "recall@10", "n", "MotCua", "FTS5", "MotCua target");
    for (label, typo, year, marks) in [
        ("name without diacritics", false, false, false),
        ("name without diacritics + year", false, true, false),
        ("name with diacritics + year", false, true, true),
        ("one typo + year", true, true, false),
        ("one typo, no year", true, false, false),
    ] {
        let (mut n, mut ours, mut base, mut target) = (0usize, 0.0, 0.0, 0usize);
        for (i, r) in sample.iter().enumerate() {
            let mut q = if marks { r.ho_ten.clone() } else { fold(&r.ho_ten) };
            if typo {
                let Some(t) = with_one_typo(&q, i) else { continue };
                q = t;
            }
            if year {
                let Some(y) = birth_year(r) else { continue };
                q = format!("{q} {y}");
            }
            let relevant = relevance.relevant(r, year);
            let found = store.search(&q, 10)?;
            let hits: Vec<String> = found.hits.iter().map(|h| h.ma_ban_ghi.clone()).collect();
            let recall = recall_at_10(&hits, relevant, &ward.records);
            ours += recall;
            if args.misses && recall < 1.0 {
                println!(
                    "  miss {label}: {q:?} wants {} ({}, {} relevant), got:",
                    r.ho_ten,
                    r.ma_ban_ghi,
                    relevant.len()
                );
                for h in &found.hits {
                    println!("    {} {} {:?} {:.3}", h.ma_ban_ghi, h.ho_ten, h.ngay_sinh, h.score);
                }
            }
            target += usize::from(hits.contains(&r.ma_ban_ghi));
            if let Some(fts) = &fts {
                base += recall_at_10(&fts.search(&q, 10)?, relevant, &ward.records);
            }
            n += 1;
        }
        let pct = |x: f64| 100.0 * x / n.max(1) as f64;
        let base = if fts.is_some() { format!("{:.1}%", pct(base)) } else { "—".into() };
        println!("{label:<34} {n:>6} {:>11.1}% {base:>12} {:>13.1}%", pct(ours), pct(target as f64));
    }
    println!("(MotCua target: the very record the query was made from is among the first ten)");
    Ok(())
}

#[derive(Clone, Copy)]
pub(super) enum QueryKind {
    /// Every keystroke of "folded name year", as typeahead sees it.
    Typeahead,
    FullNameFolded,
    FullNameWithMarks,
    GivenThenSurname,
    NameAndYear,
    OneTypoAndYear,
    Street,
    IdNumber,
    IdPrefix,
}

impl QueryKind {
    pub(super) const ALL: [QueryKind; 9] = [
        QueryKind::Typeahead,
        QueryKind::FullNameFolded,
        QueryKind::FullNameWithMarks,
        QueryKind::GivenThenSurname,
        QueryKind::NameAndYear,
        QueryKind::OneTypoAndYear,
        QueryKind::Street,
        QueryKind::IdNumber,
        QueryKind::IdPrefix,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            QueryKind::Typeahead => "typeahead, every keystroke",
            QueryKind::FullNameFolded => "full name, no diacritics",
            QueryKind::FullNameWithMarks => "full name, with diacritics",
            QueryKind::GivenThenSurname => "given name + surname",
            QueryKind::NameAndYear => "name + birth year",
            QueryKind::OneTypoAndYear => "one typo + birth year",
            QueryKind::Street => "house number + street",
            QueryKind::IdNumber => "ID number",
            QueryKind::IdPrefix => "ID number, first 6 digits",
        }
    }

    /// FTS5 over names has nothing to say about numbers and streets.
    fn has_baseline(self) -> bool {
        !matches!(self, QueryKind::Street | QueryKind::IdNumber | QueryKind::IdPrefix)
    }

    pub(super) fn queries(self, r: &RegisterRecord, i: usize) -> Vec<String> {
        let folded = fold(&r.ho_ten);
        let with_year = |q: String| birth_year(r).map(|y| format!("{q} {y}"));
        let one = |q: Option<String>| q.into_iter().collect();
        match self {
            QueryKind::Typeahead => with_year(folded).map(|q| keystrokes(&q)).unwrap_or_default(),
            QueryKind::FullNameFolded => vec![folded],
            QueryKind::FullNameWithMarks => vec![r.ho_ten.clone()],
            QueryKind::GivenThenSurname => {
                let words: Vec<&str> = folded.split(' ').collect();
                one(words.first().zip(words.last()).map(|(s, g)| format!("{g} {s}")))
            }
            QueryKind::NameAndYear => one(with_year(folded)),
            QueryKind::OneTypoAndYear => one(with_one_typo(&folded, i).and_then(with_year)),
            QueryKind::Street => one(r.noi_o_hien_tai.as_deref().and_then(street_query)),
            QueryKind::IdNumber => one(r.so_dinh_danh.clone()),
            QueryKind::IdPrefix => one(r.so_dinh_danh.as_ref().map(|n| n.chars().take(6).collect())),
        }
    }
}

/// `Số 12 ngõ 5 phố Kim Mã, …` → `12 kim ma`: the house number and the street's name.
fn street_query(address: &str) -> Option<String> {
    let street = fold(address.split(',').next()?);
    let words: Vec<&str> = street.split(' ').collect();
    let number = words.iter().find(|w| w.bytes().all(|b| b.is_ascii_digit()))?;
    let name = words.iter().rposition(|w| ["pho", "duong"].contains(w)).map(|i| words[i + 1..].join(" "))?;
    Some(format!("{number} {name}"))
}
