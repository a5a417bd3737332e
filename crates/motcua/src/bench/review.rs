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
    #[arg(long)]
    calibration_only: bool,
}

pub fn run(args: ReviewBenchArgs) -> anyhow::Result<()> {
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };
    let ward = motcua_demo::generate(&config)?;
    println!("residents {}  seed {}  ({} build)", ward.records.len(), args.seed, build_kind());
    let t = Instant::now();
    let findings = review::review(&ward.records, config.as_of);
    let seconds = t.elapsed().as_secs_f64();
    println!("review in memory: {seconds:.2} s, {} findings\n", findings.len());
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
    if args.calibration_only {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("register.sqlite3");
    let csv = dir.path().join("extract.csv");
    motcua_core::store::records_to_csv(&ward.records, std::io::BufWriter::new(std::fs::File::create(&csv)?))?;
    let ward_code = ward.ward_code.clone();
    drop((ward, findings));
    let status = Command::new(std::env::current_exe()?)
        .args(["import", "--ward", &ward_code, "--db"])
        .arg(&db)
        .arg(&csv)
        .output()
        .context("running motcua import")?;
    if !status.status.success() {
        bail!("motcua import failed: {}", String::from_utf8_lossy(&status.stderr));
    }
    println!("\n{:<36} {:>10} {:>16}", "run (child process)", "seconds", "peak memory MB");
    for (label, extra) in [
        ("full review, first run", None),
        ("full review again (states kept)", None),
        ("incremental after one edit", Some("edit")),
    ] {
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.args(["review", "--stats", "--out"]).arg(dir.path().join("findings.jsonl")).arg("--db").arg(&db);
        if extra.is_some() {
            cmd.args(["--bench-edit"]);
        }
        let t = Instant::now();
        let output = cmd.output().context("running motcua review")?;
        let seconds = t.elapsed().as_secs_f64();
        if !output.status.success() {
            bail!("motcua review failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        let peak =
            stdout.lines().find_map(|l| l.strip_prefix("peak memory: ")).context("no peak memory line")?;
        let inner = stdout.lines().find_map(|l| l.strip_prefix("review: ")).unwrap_or("");
        println!("{label:<36} {seconds:>10.2} {peak:>16}   {inner}");
    }
    Ok(())
}
