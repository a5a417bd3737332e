//! Opening the register for a command and printing shared things.

use std::path::Path;

use std::io::IsTerminal;

use anyhow::{Context, bail};
use motcua_core::store::{Credentials, FileState, Store, file_state};

/// Opens an existing register; a command that reads must not create an empty one.
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        bail!("no register at {} (create one with `motcua demo --db {}`)", db.display(), db.display());
    }
    open(db)
}

/// Opens (or creates) the register at `db` with [`key_for`] it.
pub fn open(db: &Path) -> anyhow::Result<Store> {
    let key = key_for(db)?;
    Store::open(db, key.as_ref()).with_context(|| format!("cannot open the register at {}", db.display()))
}

/// The officer's login and password: `MOTCUA_USER` (default `admin`, the account a new
/// register is created for) and `MOTCUA_PASSWORD` if set (a new register is then
/// created encrypted); else, for an encrypted register, the password is asked for on
/// the terminal.
pub fn key_for(db: &Path) -> anyhow::Result<Option<Credentials>> {
    let login = match std::env::var_os("MOTCUA_USER") {
        Some(u) => u.into_string().map_err(|_| anyhow::anyhow!("MOTCUA_USER is not valid UTF-8"))?,
        None => "admin".to_string(),
    };
    if let Some(p) = std::env::var_os("MOTCUA_PASSWORD") {
        let p = p.into_string().map_err(|_| anyhow::anyhow!("MOTCUA_PASSWORD is not valid UTF-8"))?;
        return Ok(Some(Credentials::new(login, p)));
    }
    match file_state(db).with_context(|| format!("cannot read {}", db.display()))? {
        FileState::Encrypted { .. } if std::io::stdin().is_terminal() => {
            let p =
                rpassword::prompt_password(format!("Mật khẩu của {login} cho sổ dân cư {}: ", db.display()))?;
            Ok(Some(Credentials::new(login, p)))
        }
        FileState::Encrypted { .. } => {
            bail!(
                "the register at {} is encrypted: set MOTCUA_PASSWORD, or run in a terminal to be asked",
                db.display()
            )
        }
        FileState::New | FileState::Plain => Ok(None),
    }
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
