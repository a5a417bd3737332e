//! `motcua bench import`: `motcua import` run as a child process on a generated extract,
//! timed, with its peak memory (the child reports it).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use motcua_demo::DemoConfig;

use super::build_kind;

#[derive(Args)]
pub struct ImportBenchArgs {
    #[arg(long, default_value_t = 100_000)]
    residents: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: ImportBenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let csv = dir.path().join("extract.csv");
    let config = DemoConfig { residents: args.residents, seed: args.seed, ..Default::default() };
    let ward = motcua_demo::generate(&config)?;
    let out = std::io::BufWriter::new(std::fs::File::create(&csv)?);
    motcua_core::store::records_to_csv(&ward.records, out)?;
    let size = std::fs::metadata(&csv)?.len();
    let (rows, ward_code) = (ward.records.len(), ward.ward_code.clone());
    // The generated ward is not needed any more; the child's memory is what is measured.
    drop(ward);
    println!(
        "residents {}  seed {}  ({} build)  extract {:.1} MB",
        args.residents,
        args.seed,
        build_kind(),
        size as f64 / 1e6
    );
    println!("\n{:<30} {:>10} {:>12} {:>16}", "run", "seconds", "rows/s", "peak memory MB");
    let db = dir.path().join("register.sqlite3");
    for label in ["first import (all new)", "same file again (unchanged)"] {
        let t = Instant::now();
        let output = Command::new(std::env::current_exe()?)
            .args(["import", "--stats", "--ward", &ward_code, "--db"])
            .arg(&db)
            .arg(&csv)
            .output()
            .context("running motcua import")?;
        let seconds = t.elapsed().as_secs_f64();
        if !output.status.success() {
            bail!("motcua import failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        let peak = peak_memory_mb(&String::from_utf8_lossy(&output.stdout))?;
        println!("{label:<30} {seconds:>10.2} {:>12.0} {peak:>16.1}", rows as f64 / seconds);
    }
    println!("register file {:.1} MB", file_mb(&db)?);
    Ok(())
}

fn peak_memory_mb(stdout: &str) -> anyhow::Result<f64> {
    let line = stdout.lines().find_map(|l| l.strip_prefix("peak memory: ")).context("no peak memory line")?;
    Ok(line.trim_end_matches(" MB").parse()?)
}

fn file_mb(p: &Path) -> anyhow::Result<f64> {
    Ok(std::fs::metadata(p)?.len() as f64 / 1e6)
}
