//! TLS to the ward server, trusting one certificate: the self-signed one the server made
//! at its first start, pinned by its SHA-256 fingerprint, which the ward admin hands
//! over with the enrollment code. No certificate authority is involved, so a ward
//! without a domain name or the internet still gets an authenticated channel, and no
//! other certificate, however signed, is accepted.

use std::sync::{Arc, Once};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

/// The fingerprint devices pin: SHA-256 of the certificate's DER, lower-case hex.
pub fn fingerprint(cert_der: &[u8]) -> String {
    Sha256::digest(cert_der).iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint as an officer might type it: colons, spaces and case are ignored.
pub fn normalize_fingerprint(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_hexdigit()).collect::<String>().to_ascii_lowercase()
}

/// Makes ring the process's rustls provider (once; both the server and the client).
pub fn install_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Another provider installed first is as good: only ours is ever installed here.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A client configuration that accepts only the certificate with fingerprint `pin`.
pub fn pinned_client_config(pin: &str) -> rustls::ClientConfig {
    install_provider();
    let provider = rustls::crypto::ring::default_provider();
    let verifier =
        Pinned { pin: normalize_fingerprint(pin), algorithms: provider.signature_verification_algorithms };
    rustls::ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth()
}

#[derive(Debug)]
struct Pinned {
    pin: String,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // The name does not matter: the ward server is known by its certificate itself.
        if fingerprint(end_entity.as_ref()) == self.pin {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("the ward server's certificate is not the pinned one".into()))
        }
    }

    // The signatures prove the server holds the pinned certificate's key.
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fingerprints_are_compared_as_hex() {
        assert_eq!(normalize_fingerprint("AB:cd 01-ef"), "abcd01ef");
        assert_eq!(fingerprint(b"x").len(), 64);
    }
}
