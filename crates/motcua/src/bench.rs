//! `motcua bench`: the figures behind BENCHMARKS.md, measured on a demo ward made for
//! the run (never by timed unit tests).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use motcua_core::record::RegisterRecord;
use motcua_core::store::{RegisterKind, RegisterMeta, Store};
use motcua_core::text::fold;
use motcua_demo::DemoConfig;

#[derive(Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 10_000)]
    residents: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many queries of each kind.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Keep the register here instead of a temporary folder.
    #[arg(long)]
    db: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = args.db.clone().unwrap_or_else(|| dir.path().join("bench.sqlite3"));
    if db.exists() {
        anyhow::bail!("{} exists; bench makes its own register", db.display());
    }
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };

    let t = Instant::now();
    let ward = motcua_demo::generate(&config)?;
    let generate = t.elapsed();

    let t = Instant::now();
    let mut store = Store::open(&db, None)?;
    let meta = RegisterMeta {
        kind: RegisterKind::Demo,
        ward_code: ward.ward_code.clone(),
        ward: ward.ward.clone(),
        province: ward.province.clone(),
    };
    store.create_register(&meta, &ward.records, &mut |_, _| {})?;
    let write = t.elapsed();
    drop(store);

    let t = Instant::now();
    let store = Store::open(&db, None)?;
    let open = t.elapsed();
    let size = std::fs::metadata(&db).context("register file")?.len();

    println!("residents {}  seed {}  ({} build)", args.residents, args.seed, build_kind());
    println!("generate demo ward   {:>9.1} ms", ms(generate));
    println!("write register       {:>9.1} ms", ms(write));
    println!("open register        {:>9.1} ms", ms(open));
    println!("register file        {:>9.1} MB", size as f64 / 1e6);

    // Queries as officers type them, taken from the ward itself so each has answers.
    let step = (ward.records.len() / args.queries.max(1)).max(1);
    let sample: Vec<_> = ward.records.iter().step_by(step).take(args.queries).collect();
    println!("\n{:<22} {:>6} {:>9} {:>9} {:>9}", "query", "n", "p50 ms", "p95 ms", "max ms");
    for kind in QUERY_KINDS {
        let mut times: Vec<Duration> = Vec::new();
        for r in &sample {
            let Some(q) = query_for(kind, r) else { continue };
            let t = Instant::now();
            store.search(&q, 50)?;
            times.push(t.elapsed());
        }
        times.sort();
        if times.is_empty() {
            continue;
        }
        let pct = |p: f64| ms(times[((times.len() - 1) as f64 * p) as usize]);
        println!(
            "{:<22} {:>6} {:>9.2} {:>9.2} {:>9.2}",
            kind.label(),
            times.len(),
            pct(0.5),
            pct(0.95),
            pct(1.0)
        );
    }

    // Recall@10: is the record the query was made from among the first ten hits?
    println!("\n{:<28} {:>6} {:>10}", "recall@10", "n", "recall");
    for (label, with_typo, with_year) in
        [("folded name", false, false), ("folded name + year", false, true), ("one typo + year", true, true)]
    {
        let (mut asked, mut found) = (0usize, 0usize);
        for (i, r) in sample.iter().enumerate() {
            let mut q = fold(&r.ho_ten);
            if with_typo {
                let Some(t) = with_one_typo(&q, i) else { continue };
                q = t;
            }
            if with_year {
                let Some(year) =
                    query_for(QueryKind::NameAndYear, r).and_then(|s| s.rsplit(' ').next().map(String::from))
                else {
                    continue;
                };
                q = format!("{q} {year}");
            }
            asked += 1;
            let hits = store.search(&q, 10)?.hits;
            found += usize::from(hits.iter().any(|h| h.ma_ban_ghi == r.ma_ban_ghi));
        }
        println!("{label:<28} {asked:>6} {:>9.1}%", 100.0 * found as f64 / asked.max(1) as f64);
    }
    Ok(())
}

/// The query with one typo in its longest word of four letters or more: letters
/// swapped, dropped or doubled, in turn.
fn with_one_typo(q: &str, i: usize) -> Option<String> {
    let words: Vec<&str> = q.split(' ').collect();
    let (at, word) = words.iter().enumerate().filter(|(_, w)| w.len() >= 4).max_by_key(|(_, w)| w.len())?;
    let c: Vec<char> = word.chars().collect();
    let mid = c.len() / 2;
    let typo: String = match i % 3 {
        0 => {
            let mut c = c.clone();
            c.swap(mid - 1, mid);
            c.into_iter().collect()
        }
        1 => c.iter().enumerate().filter(|(k, _)| *k != mid).map(|(_, ch)| ch).collect(),
        _ => c
            .iter()
            .enumerate()
            .flat_map(|(k, ch)| if k == mid { vec![*ch, *ch] } else { vec![*ch] })
            .collect(),
    };
    if typo == *word {
        return None;
    }
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[at] = typo;
    Some(out.join(" "))
}

#[derive(Clone, Copy)]
enum QueryKind {
    FullName,
    GivenThenSurname,
    Typeahead,
    NameAndYear,
    IdNumber,
}

const QUERY_KINDS: [QueryKind; 5] = [
    QueryKind::FullName,
    QueryKind::GivenThenSurname,
    QueryKind::Typeahead,
    QueryKind::NameAndYear,
    QueryKind::IdNumber,
];

impl QueryKind {
    fn label(self) -> &'static str {
        match self {
            QueryKind::FullName => "full name, folded",
            QueryKind::GivenThenSurname => "given + surname",
            QueryKind::Typeahead => "typeahead 3 letters",
            QueryKind::NameAndYear => "name + birth year",
            QueryKind::IdNumber => "ID number",
        }
    }
}

/// A query as an officer would type it for this record.
fn query_for(kind: QueryKind, r: &RegisterRecord) -> Option<String> {
    let folded = fold(&r.ho_ten);
    match kind {
        QueryKind::FullName => Some(folded),
        QueryKind::GivenThenSurname => {
            let words: Vec<&str> = folded.split(' ').collect();
            Some(format!("{} {}", words.last()?, words.first()?))
        }
        QueryKind::Typeahead => Some(folded.chars().take(3).collect()),
        QueryKind::NameAndYear => {
            let year = r.ngay_sinh.as_deref()?.rsplit(['/', '-']).find(|p| p.len() == 4)?.to_string();
            Some(format!("{folded} {year}"))
        }
        QueryKind::IdNumber => r.so_dinh_danh.clone(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn build_kind() -> &'static str {
    if cfg!(debug_assertions) { "debug" } else { "release" }
}
