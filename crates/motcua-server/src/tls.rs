//! The ward server's TLS identity: a self-signed certificate made at the first start and
//! kept beside the register (`<db>.cert.pem`, and `<db>.key.pem` readable by its owner
//! only). Devices pin its fingerprint, handed over with each enrollment code.

use std::path::{Path, PathBuf};

use motcua_sync::tls::fingerprint;

pub struct Identity {
    pub cert_pem: String,
    pub key_pem: String,
    /// SHA-256 of the certificate, hex: what devices pin.
    pub fingerprint: String,
}

fn paths(db: &Path) -> (PathBuf, PathBuf) {
    let with = |suffix: &str| {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    (with(".cert.pem"), with(".key.pem"))
}

impl Identity {
    /// The identity of the server of the register at `db`, made if there is none yet.
    pub fn load_or_create(db: &Path) -> std::io::Result<Identity> {
        let (cert_path, key_path) = paths(db);
        if cert_path.exists() && key_path.exists() {
            let cert_pem = std::fs::read_to_string(&cert_path)?;
            let key_pem = std::fs::read_to_string(&key_path)?;
            return Ok(Identity { fingerprint: fingerprint_of(&cert_pem)?, cert_pem, key_pem });
        }
        let names = vec!["motcua-ward-server".to_string(), "localhost".to_string()];
        let made = rcgen::generate_simple_self_signed(names).map_err(std::io::Error::other)?;
        let (cert_pem, key_pem) = (made.cert.pem(), made.signing_key.serialize_pem());
        write_private(&key_path, &key_pem)?;
        std::fs::write(&cert_path, &cert_pem)?;
        Ok(Identity { fingerprint: fingerprint(made.cert.der()), cert_pem, key_pem })
    }
}

fn fingerprint_of(cert_pem: &str) -> std::io::Result<String> {
    let der = rustls_pem_der(cert_pem)
        .ok_or_else(|| std::io::Error::other("the server certificate file is not PEM"))?;
    Ok(fingerprint(&der))
}

/// The DER inside a one-certificate PEM file.
fn rustls_pem_der(pem: &str) -> Option<Vec<u8>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    CertificateDer::from_pem_slice(pem.as_bytes()).ok().map(|c| c.to_vec())
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_is_made_once_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ward.sqlite3");
        let made = Identity::load_or_create(&db).unwrap();
        let again = Identity::load_or_create(&db).unwrap();
        assert_eq!(made.fingerprint, again.fingerprint);
        assert_eq!(made.fingerprint.len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(paths(&db).1).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the key is the owner's only");
        }
    }
}
