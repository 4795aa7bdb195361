//! The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1):
//! detached content, SHA-256, and the signed attributes content-type,
//! message-digest and signing-certificate-v2. There is no signing-time attribute:
//! PAdES takes the time from the signature dictionary's `/M`.
//!
//! The structures are the `cms` crate's; they are filled in here rather than by its
//! `builder` feature, which does not build with today's RustCrypto cipher crates.

use super::key::{Key, SigningKey};
use crate::error::{Error, Result};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Digest;
use x509_cert::attr::Attribute;
use x509_cert::spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier};

/// id-data (RFC 5652).
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// id-signedData (RFC 5652).
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-contentType (RFC 5652).
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest (RFC 5652).
pub(crate) const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// id-sha256.
pub(crate) const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-aa-signingCertificateV2 (RFC 5035).
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }`.
#[derive(der::Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }`.
#[derive(der::Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn cms_err(message: impl std::fmt::Display) -> Error {
    Error::Render { what: "chữ ký CMS".into(), message: message.to_string() }
}

/// An attribute with one value.
fn attribute(oid: ObjectIdentifier, value: &impl Encode) -> Result<Attribute> {
    let any = Any::from_der(&value.to_der().map_err(cms_err)?).map_err(cms_err)?;
    let mut values = SetOfVec::new();
    values.insert(any).map_err(cms_err)?;
    Ok(Attribute { oid, values })
}

/// The DER of a CMS ContentInfo holding the SignedData over `digest` (the SHA-256 of the signed byte ranges).
/// With `tsa`, the signature value is timestamped there (PAdES B-T).
pub(crate) fn signed_data(key: &Key, digest: &[u8], tsa: Option<&str>) -> Result<Vec<u8>> {
    let sha256 = AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None };
    let tbs = key.certificate.tbs_certificate();
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: tbs.issuer().clone(),
        serial_number: tbs.serial_number().clone(),
    });
    let attrs = vec![
        attribute(ID_CONTENT_TYPE, &ID_DATA)?,
        attribute(ID_MESSAGE_DIGEST, &OctetString::new(digest).map_err(cms_err)?)?,
        signing_certificate_v2(&key.certificate)?,
    ];
    let signed_attrs = SetOfVec::try_from(attrs).map_err(cms_err)?;
    // RFC 5652, 5.4: the signature is over the DER of the attributes as a SET OF.
    let message = signed_attrs.to_der().map_err(cms_err)?;
    let sign_err = |e: rsa::signature::Error| cms_err(format!("ký không được: {e}"));
    let (signature, algorithm) = match &key.signing {
        SigningKey::RsaPkcs1(k) => {
            (k.try_sign(&message).map_err(sign_err)?.to_vec(), k.signature_algorithm_identifier())
        }
        SigningKey::RsaPss(k) => (k.try_sign(&message).map_err(sign_err)?.to_vec(), k.signature_algorithm_identifier()),
        SigningKey::P256(k) => {
            let s: p256::ecdsa::DerSignature = k.try_sign(&message).map_err(sign_err)?;
            (s.to_vec(), k.signature_algorithm_identifier())
        }
    };
    let unsigned_attrs = match tsa {
        Some(url) => {
            let token = super::timestamp::request(url, &signature)?;
            let token = Any::from_der(&token).map_err(cms_err)?;
            let attr = attribute(super::timestamp::ID_SIGNATURE_TIME_STAMP_TOKEN, &token)?;
            Some(SetOfVec::try_from(vec![attr]).map_err(cms_err)?)
        }
        None => None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid,
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm.map_err(cms_err)?,
        signature: OctetString::new(signature).map_err(cms_err)?,
        unsigned_attrs,
    };
    let certs: Vec<CertificateChoices> = std::iter::once(&key.certificate)
        .chain(&key.chain)
        .map(|c| CertificateChoices::Certificate(c.clone()))
        .collect();
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(cms_err)?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(SetOfVec::try_from(certs).map_err(cms_err)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(cms_err)?),
    };
    let content = Any::encode_from(&signed).map_err(cms_err)?;
    ContentInfo { content_type: ID_SIGNED_DATA, content }.to_der().map_err(cms_err)
}

/// The signing-certificate-v2 attribute: binds the signature to the signer's certificate.
fn signing_certificate_v2(cert: &x509_cert::Certificate) -> Result<Attribute> {
    let hash = sha2::Sha256::digest(cert.to_der().map_err(cms_err)?);
    let cert_hash = OctetString::new(hash.to_vec()).map_err(cms_err)?;
    attribute(ID_SIGNING_CERTIFICATE_V2, &SigningCertificateV2 { certs: vec![EssCertIdV2 { cert_hash }] })
}
