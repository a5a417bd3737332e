//! Prints how long a demo ward takes to make and what is in it: the realized share of
//! each planted finding kind, the age pyramid and household sizes.
//!
//! `cargo run --release -p motcua-demo --example demo_stats -- [residents] [seed] [ward]`

use std::collections::BTreeMap;
use std::time::Instant;

use motcua_core::date::PartialDate;
use motcua_demo::{DemoConfig, PLANTED_SHARES, Truth, generate};

fn main() {
    // Arguments: [residents] [seed] [ward code], after the program name.
    let args: Vec<String> = std::env::args().collect();
    let residents = args.get(1).map_or(10_000, |a| a.parse().expect("residents is a number"));
    let seed = args.get(2).map_or(1, |a| a.parse().expect("seed is a number"));
    let ward_code = args.get(3).cloned().unwrap_or_else(|| "00004".into());
    let config = DemoConfig { residents, seed, ward_code, ..Default::default() };
    // A first run warms the lazily loaded code lists, as the app's first start does not.
    let cold = Instant::now();
    let ward = generate(&config).expect("a demo ward");
    let cold = cold.elapsed();
    let warm = Instant::now();
    let again = generate(&config).expect("a demo ward");
    let warm = warm.elapsed();
    assert_eq!(ward.records, again.records);
    println!(
        "{}, {}: {} records; generate() {cold:.2?} cold, {warm:.2?} warm",
        ward.ward,
        ward.province,
        ward.records.len()
    );

    let n = ward.records.len() as f64;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &ward.truth {
        if let Truth::Finding { kind, .. } = t {
            *kinds.entry(kind.as_str()).or_default() += 1;
        }
    }
    println!("{:<20} {:>6} {:>8} {:>8}", "kind", "count", "share", "target");
    for (kind, want) in PLANTED_SHARES {
        let count = kinds.get(kind).copied().unwrap_or(0);
        println!("{kind:<20} {count:>6} {:>7.2}% {:>7.2}%", 100.0 * count as f64 / n, 100.0 * want);
    }

    let mut bands = [0usize; 21];
    let mut dated = 0;
    for r in &ward.records {
        let Some(d) = r.ngay_sinh.as_deref().and_then(|d| PartialDate::parse(d).ok()) else { continue };
        bands[(d.age_on(config.as_of) / 5).clamp(0, 20) as usize] += 1;
        dated += 1;
    }
    println!("age pyramid (5-year bands):");
    for (b, count) in bands.iter().enumerate() {
        let share = 100.0 * *count as f64 / dated as f64;
        println!("  {:>3}-{:<3} {share:>5.1}% {}", b * 5, b * 5 + 4, "#".repeat((share * 2.0) as usize));
    }
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &ward.records {
        if let Some(hs) = r.so_ho_so_cu_tru.as_deref() {
            *sizes.entry(hs).or_default() += 1;
        }
    }
    let mut by_size: BTreeMap<usize, usize> = BTreeMap::new();
    for s in sizes.values() {
        *by_size.entry(*s).or_default() += 1;
    }
    println!("households by size: {by_size:?}");
}
