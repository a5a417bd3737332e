//! `motcua bench search --paired`: the same register plaintext and encrypted, measured
//! turn about, for issue 8's "within 1.3× of unencrypted".
//!
//! This machine's speed drifts by a third from one minute to the next (a shared VM), so
//! two runs made one after the other compare the machine as much as the encryption. Here
//! each unlock is made on both registers in turn, and each query is asked of the one and
//! then the other (which goes first alternating), so drift falls on both sides alike.

use std::path::Path;
use std::time::Instant;

use motcua_core::record::RegisterRecord;
use motcua_core::store::{Credentials, Store};
use motcua_demo::DemoWard;

use super::search::{LIMIT, QueryKind};
use super::{Latencies, ms};

/// The two registers, plaintext first.
const SIDES: [&str; 2] = ["plaintext", "encrypted"];

pub fn run(ward: &DemoWard, dir: &Path, queries: usize, unlocks: usize) -> anyhow::Result<()> {
    let key = Credentials::new("bench", "bench password");
    let dbs = [dir.join("plain.sqlite3"), dir.join("encrypted.sqlite3")];
    let creds = [None, Some(&key)];
    for side in 0..2 {
        let t = Instant::now();
        let mut store = Store::open(&dbs[side], creds[side])?;
        super::write_demo_ward(&mut store, ward)?;
        drop(store);
        let size = std::fs::metadata(&dbs[side])?.len() as f64 / 1e6;
        println!("write {:<10} register  {:>9.1} ms  {size:.1} MB", SIDES[side], ms(t.elapsed()));
    }

    let mut steps: [[Latencies; 3]; 2] = Default::default();
    let mut open: [Option<Store>; 2] = [None, None];
    for round in 0..unlocks.max(1) {
        for side in turn(round) {
            drop(open[side].take());
            let t = Instant::now();
            let store = Store::open(&dbs[side], creds[side])?;
            let opened = t.elapsed();
            store.prepare_search()?;
            steps[side][0].push(opened);
            steps[side][1].push(t.elapsed() - opened);
            steps[side][2].push(t.elapsed());
            open[side] = Some(store);
        }
    }
    println!(
        "\n{:<30} {:>26}   {:>26}   {:>6}",
        "unlock (ms)", "plaintext: n median best", "encrypted: n median best", "ratio"
    );
    for (i, label) in
        ["open (Argon2id if encrypted)", "build search index", "open + build"].iter().enumerate()
    {
        let [plain, enc] = &mut steps;
        let (p, e) = (plain[i].median(), enc[i].median());
        let (ps, es) = (plain[i].spread(), enc[i].spread());
        println!("{label:<30} {:>26}   {:>26}   {:>6.2}", trim(&ps), trim(&es), e / p);
    }

    let stores = [open[0].take().expect("opened"), open[1].take().expect("opened")];
    let step = (ward.records.len() / queries.max(1)).max(1);
    let sample: Vec<&RegisterRecord> = ward.records.iter().step_by(step).take(queries).collect();
    println!(
        "\n{:<30} {:>26}   {:>26}   {:>13}",
        "latency (ms)", "plaintext: n p50 p99", "encrypted: n p50 p99", "ratio p50 p99"
    );
    for kind in QueryKind::ALL {
        let mut lat: [Latencies; 2] = Default::default();
        for (i, r) in sample.iter().enumerate() {
            for q in kind.queries(r, i) {
                for side in turn(i) {
                    let t = Instant::now();
                    stores[side].search(&q, LIMIT)?;
                    lat[side].push(t.elapsed());
                }
            }
        }
        let [plain, enc] = &mut lat;
        let ratio = format!(
            "{:.2} {:.2}",
            enc.percentile(0.5) / plain.percentile(0.5),
            enc.percentile(0.99) / plain.percentile(0.99)
        );
        println!("{:<30} {:>26}   {:>26}   {ratio:>13}", kind.label(), p50_p99(plain), p50_p99(enc));
    }
    Ok(())
}

/// Which side goes first alternates, so that neither always follows the other.
fn turn(i: usize) -> [usize; 2] {
    if i % 2 == 0 { [0, 1] } else { [1, 0] }
}

/// `n median best` of a spread (its worst left out to fit the line).
fn trim(spread: &str) -> String {
    spread.split_whitespace().take(3).collect::<Vec<_>>().join("  ")
}

fn p50_p99(l: &mut Latencies) -> String {
    format!("{}  {:.3}  {:.3}", l.len(), l.percentile(0.5), l.percentile(0.99))
}
