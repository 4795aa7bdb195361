//! The signing key and its certificate chain, read from a PKCS#12 file (`.p12`, `.pfx`).

use super::err;
use crate::error::Result;
use der::{Decode, Encode};
use sha2::Sha256;
use x509_cert::Certificate;

/// The RSA signature scheme to use with an RSA key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RsaScheme {
    /// RSASSA-PSS with SHA-256 (PKCS#1 v2.2; the national list of standards makes it mandatory).
    #[default]
    Pss,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (older, deterministic, still widely used).
    Pkcs1v15,
}

/// A private key ready to sign.
pub(crate) enum SigningKey {
    /// RSA, PKCS#1 v1.5.
    RsaPkcs1(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    /// RSA, PSS.
    RsaPss(Box<rsa::pss::SigningKey<Sha256>>),
    /// ECDSA on P-256 (deterministic nonces, RFC 6979).
    P256(Box<p256::ecdsa::SigningKey>),
}

/// A signing key with its certificate and the chain that issued it.
pub struct Key {
    pub(crate) signing: SigningKey,
    /// The signer's certificate.
    pub certificate: Certificate,
    /// The issuing certificates (intermediate CAs, perhaps the root), nearest first.
    pub chain: Vec<Certificate>,
    /// The key file's name, for errors.
    pub(crate) file: String,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("subject", &self.certificate.tbs_certificate().subject().to_string()).finish()
    }
}

impl Key {
    /// Reads a PKCS#12 file's bytes with `password`; `file` names it in errors. RSA keys
    /// sign with `scheme`. The file must hold the key, the certificate of that key and
    /// the certificate of its issuer (unless the certificate issued itself).
    pub fn from_pkcs12(bytes: &[u8], password: &str, scheme: RsaScheme, file: &str) -> Result<Key> {
        let archive = p12_keystore::Pkcs12Archive::from_pkcs12(bytes, password).map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) => {
                err(file, "mật khẩu", "sai mật khẩu (mã kiểm tra MAC của tệp PKCS#12 không khớp); hãy nhập lại")
            }
            p12_keystore::error::Error::DerError(_) | p12_keystore::error::Error::InvalidVersion => {
                err(file, "cấu trúc", "đây không phải tệp khóa PKCS#12 (.p12, .pfx) hợp lệ")
            }
            other => err(
                file,
                "giải mã",
                format!("không mở được tệp PKCS#12 ({other}); sai mật khẩu hoặc thuật toán mã hóa không được hỗ trợ"),
            ),
        })?;
        let key_bag = match archive.keys.as_slice() {
            [one] => one,
            [] => return Err(err(file, "khóa", "tệp không có khóa bí mật; cần tệp .p12 chứa khóa và chứng thư số")),
            _ => return Err(err(file, "khóa", "tệp có nhiều khóa bí mật; hãy xuất riêng khóa dùng để ký")),
        };
        let (signing, public_der) = signing_key(key_bag.key.as_der(), scheme, file)?;
        let mut certs = Vec::new();
        for bag in &archive.certs {
            let cert = Certificate::from_der(bag.cert.as_der())
                .map_err(|e| err(file, "chứng thư", format!("chứng thư số không đọc được ({e})")))?;
            certs.push(cert);
        }
        let spki = |c: &Certificate| c.tbs_certificate().subject_public_key_info().to_der().ok();
        let leaf_at = certs.iter().position(|c| spki(c).as_deref() == Some(public_der.as_slice())).ok_or_else(|| {
            err(
                file,
                "chứng thư",
                "tệp không có chứng thư số của khóa bí mật; hãy xuất lại tệp .p12 kèm chứng thư (openssl pkcs12 -export -inkey KHOA -in CHUNG_THU -certfile CHUOI_CA)",
            )
        })?;
        let certificate = certs.remove(leaf_at);
        let mut chain = Vec::new();
        let mut current = certificate.clone();
        while current.tbs_certificate().issuer() != current.tbs_certificate().subject() {
            let Some(at) =
                certs.iter().position(|c| c.tbs_certificate().subject() == current.tbs_certificate().issuer())
            else {
                break;
            };
            current = certs.remove(at);
            chain.push(current.clone());
        }
        let tbs = certificate.tbs_certificate();
        if chain.is_empty() && tbs.issuer() != tbs.subject() {
            return Err(err(
                file,
                "chuỗi chứng thư",
                format!(
                    "thiếu chứng thư của tổ chức cấp ({}); hãy xuất lại tệp .p12 kèm chuỗi chứng thư (-certfile CHUOI_CA)",
                    tbs.issuer()
                ),
            ));
        }
        Ok(Key { signing, certificate, chain, file: file.to_string() })
    }

    /// Fails unless the certificate is valid at `unix` (seconds since the epoch).
    pub fn check_validity(&self, unix: i64, file: &str) -> Result<()> {
        let v = self.certificate.tbs_certificate().validity();
        let not_before = v.not_before.to_unix_duration().as_secs() as i64;
        let not_after = v.not_after.to_unix_duration().as_secs() as i64;
        if unix < not_before {
            return Err(err(
                file,
                "chứng thư",
                format!("chứng thư số chưa có hiệu lực: hiệu lực từ {}", super::iso_vietnam(not_before)),
            ));
        }
        if unix > not_after {
            return Err(err(
                file,
                "chứng thư",
                format!("chứng thư số đã hết hạn ngày {}; hãy gia hạn chứng thư", super::iso_vietnam(not_after)),
            ));
        }
        Ok(())
    }

    /// The certificate subject as text.
    pub fn subject(&self) -> String {
        super::name_text(self.certificate.tbs_certificate().subject())
    }
}

/// The signing key in PKCS#8 `der`, and the DER of its public key (SubjectPublicKeyInfo).
fn signing_key(der: &[u8], scheme: RsaScheme, file: &str) -> Result<(SigningKey, Vec<u8>)> {
    use p256::pkcs8::{DecodePrivateKey, EncodePublicKey};
    let info = pkcs8_oid(der);
    if info == Some(const_oids::RSA) {
        let key = rsa::PrivateKey::from_pkcs8_der(der)
            .map_err(|e| err(file, "khóa", format!("khóa RSA không đọc được ({e})")))?;
        let public = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| err(file, "khóa", format!("khóa công khai RSA ({e})")))?
            .into_vec();
        let signing = match scheme {
            RsaScheme::Pss => SigningKey::RsaPss(Box::new(rsa::pss::SigningKey::new(key))),
            RsaScheme::Pkcs1v15 => SigningKey::RsaPkcs1(Box::new(rsa::pkcs1v15::SigningKey::new(key))),
        };
        return Ok((signing, public));
    }
    if info == Some(const_oids::EC) {
        let key = p256::ecdsa::SigningKey::from_pkcs8_der(der)
            .map_err(|_| err(file, "khóa", "khóa ECDSA không đọc được; chỉ hỗ trợ đường cong P-256 (prime256v1)"))?;
        let public = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| err(file, "khóa", format!("khóa công khai ECDSA ({e})")))?
            .into_vec();
        return Ok((SigningKey::P256(Box::new(key)), public));
    }
    Err(err(file, "khóa", "loại khóa không được hỗ trợ; dùng khóa RSA hoặc ECDSA P-256"))
}

/// The algorithm OID of a PKCS#8 private key.
fn pkcs8_oid(der: &[u8]) -> Option<der::asn1::ObjectIdentifier> {
    p256::pkcs8::PrivateKeyInfoRef::from_der(der).ok().map(|i| i.algorithm.oid)
}

/// Key algorithm OIDs.
pub(crate) mod const_oids {
    use der::asn1::ObjectIdentifier;
    /// rsaEncryption.
    pub const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    /// id-ecPublicKey.
    pub const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
}
