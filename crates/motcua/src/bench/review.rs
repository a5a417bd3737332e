//! `motcua bench review`: precision, recall and F1 of every finding kind on a generated
//! ward with planted problems (the calibration), and the time and peak memory of a full
//! review through the store (`motcua review` as a child process, which reports both).

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use motcua_core::review;
use motcua_demo::DemoConfig;

use super::build_kind;

#[derive(Args)]
pub struct ReviewBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    residents: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print up to this many wrong and missed findings per kind.
    #[arg(long, default_value_t = 0)]
    examples: usize,
    /// Only the calibration: no register is made, no full review timed.
    #[arg(long, conflicts_with = "timing_only")]
    calibration_only: bool,
    /// Only the timing of `motcua review` on a register (no calibration in this process).
    #[arg(long)]
    timing_only: bool,
    /// Only the incremental review, on this register (reviewed once before).
    #[arg(long, conflicts_with_all = ["timing_only", "calibration_only"])]
    incremental_on: Option<std::path::PathBuf>,
}

pub fn run(args: ReviewBenchArgs) -> anyhow::Result<()> {
    println!("residents {}  seed {}  ({} build)", args.residents, args.seed, build_kind());
    if let Some(db) = &args.incremental_on {
        return time_incremental(db, args.residents);
    }
    if !args.timing_only {
        calibrate(&args)?;
    }
    if !args.calibration_only {
        time_store_runs(&args)?;
    }
    Ok(())
}

fn calibrate(args: &ReviewBenchArgs) -> anyhow::Result<()> {
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };
    let ward = motcua_demo::generate(&config)?;
    let t = Instant::now();
    let findings = review::review(&ward.records, config.as_of);
    println!("review in memory: {:.2} s, {} findings\n", t.elapsed().as_secs_f64(), findings.len());
    let (scores, misses) = motcua_demo::evaluate::score_with_examples(&findings, &ward.truth, args.examples);
    println!(
        "{:<20} {:>8} {:>8} {:>8} {:>9} {:>7} {:>6}",
        "kind", "found", "planted", "correct", "precision", "recall", "F1"
    );
    for (kind, s) in &scores {
        println!(
            "{kind:<20} {:>8} {:>8} {:>8} {:>9.4} {:>7.4} {:>6.4}",
            s.found,
            s.planted,
            s.correct,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    for (kind, (wrong, missed)) in misses.iter().filter(|(_, m)| !m.0.is_empty() || !m.1.is_empty()) {
        println!("\n{kind}: wrong {wrong:?}\n{kind}: missed {missed:?}");
    }
    Ok(())
}

/// `motcua review` as a child on a demo register of the same size: the full run twice
/// (the second keeps every state), then one record edited and reviewed alone.
fn time_store_runs(args: &ReviewBenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("register.sqlite3");
    let me = std::env::current_exe()?;
    let made = Command::new(&me)
        .args(["demo", "--residents", &args.residents.to_string(), "--seed", &args.seed.to_string(), "--db"])
        .arg(&db)
        .output()
        .context("running motcua demo")?;
    if !made.status.success() {
        bail!("motcua demo failed: {}", String::from_utf8_lossy(&made.stderr));
    }
    println!("\n{:<36} {:>10} {:>12} {:>16}", "run (child process)", "wall s", "review ms", "peak memory MB");
    let findings = dir.path().join("findings.jsonl");
    let review = |record: Option<&str>| -> anyhow::Result<(f64, String, String)> {
        let mut cmd = Command::new(&me);
        cmd.args(["review", "--stats", "--out"]).arg(&findings).arg("--db").arg(&db);
        if let Some(r) = record {
            cmd.args(["--record", r]);
        }
        let t = Instant::now();
        let output = cmd.output().context("running motcua review")?;
        let wall = t.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        if !output.status.success() {
            bail!("motcua review failed: {stderr}");
        }
        let field =
            |prefix: &str| stderr.lines().find_map(|l| l.strip_prefix(prefix)).unwrap_or("?").to_string();
        Ok((wall, field("review: "), field("peak memory: ")))
    };
    for label in ["full review, first run", "full review again (states kept)"] {
        let (wall, inner, peak) = review(None)?;
        println!("{label:<36} {wall:>10.2} {inner:>12} {peak:>16}");
    }
    time_incremental(&db, args.residents)
}

/// Incremental: in this process, as the app runs it after an officer's edit (the
/// address tables and the register are warm after the first).
fn time_incremental(db: &std::path::Path, residents: usize) -> anyhow::Result<()> {
    let mut store = motcua_core::store::Store::open(db, None)?;
    let mut times = super::Latencies::default();
    for n in 0..21 {
        let record = format!("R{:06}", 1 + n * 997 % residents.max(1));
        let version = store.person_detail(&record)?.version;
        let edit = motcua_core::store::FieldEdit {
            ma_ban_ghi: record.clone(),
            field: "so_dien_thoai".into(),
            value: Some(format!("09{:08}", 12_345_678 + n)),
            base_version: version,
        };
        store.edit_field(&edit)?;
        let t = Instant::now();
        store.review_record(&record)?;
        if n > 0 {
            times.push(t.elapsed());
        }
    }
    println!("\nincremental review after one edit (n, p50, p99, max ms): {}", times.summary());
    Ok(())
}
