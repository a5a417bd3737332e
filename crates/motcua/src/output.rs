//! Opening the register for a command and printing shared things.

use std::path::Path;

use anyhow::{Context, bail};
use motcua_core::store::Store;

/// Opens an existing register; a command that reads must not create an empty one.
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        bail!("no register at {} (create one with `motcua demo --db {}`)", db.display(), db.display());
    }
    Store::open(db, None).with_context(|| format!("cannot open the register at {}", db.display()))
}

pub fn digest(db: &Path) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    println!("{}", store.content_digest()?);
    Ok(())
}

pub fn addresses(addresses: &[String]) -> anyhow::Result<()> {
    for a in addresses {
        println!("{}", serde_json::to_string(&motcua_core::address::parse(a))?);
    }
    Ok(())
}
