//! Signature timestamps (RFC 3161) for PAdES baseline B-T: the SHA-256 of the signature
//! value is sent to a timestamp server, and its token becomes the unsigned attribute
//! signature-time-stamp of the SignerInfo.
//!
//! The request goes over plain HTTP (`http://`), which is how timestamp servers are
//! usually reached (the token is signed, so the channel needs no protection); `https://`
//! is not supported.

use super::err;
use crate::error::{Error, Result};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode, Reader};
use sha2::Digest;
use std::io::{Read, Write};
use std::time::Duration;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// id-aa-signatureTimeStampToken (RFC 3161, appendix A).
pub(crate) const ID_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// The largest answer read from a server.
const MAX_RESPONSE: u64 = 1 << 20;
/// How long to wait for the server.
const TIMEOUT: Duration = Duration::from_secs(30);

/// `MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }`.
#[derive(der::Sequence, Clone, PartialEq, Eq)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// `TimeStampReq` (RFC 3161, 2.4.1), without policy and extensions.
#[derive(der::Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: u64,
    cert_req: bool,
}

/// The start of `TSTInfo` (RFC 3161, 2.4.2): what the token says it stamped, and when.
pub(crate) struct TstInfo {
    imprint: MessageImprint,
    /// The time the server stamped, seconds since the Unix epoch.
    pub time: i64,
}

fn imprint_of(signature: &[u8]) -> Result<MessageImprint> {
    let hashed = OctetString::new(sha2::Sha256::digest(signature).to_vec()).map_err(der_err)?;
    Ok(MessageImprint {
        hash_algorithm: AlgorithmIdentifierOwned { oid: super::cades::ID_SHA256, parameters: None },
        hashed_message: hashed,
    })
}

fn der_err(e: der::Error) -> Error {
    Error::Render { what: "dấu thời gian".into(), message: e.to_string() }
}

/// Asks the server at `url` to stamp `signature` (a SignerInfo's signature value); returns the token's DER.
pub(crate) fn request(url: &str, signature: &[u8]) -> Result<Vec<u8>> {
    let imprint = imprint_of(signature)?;
    let mut first = [0u8; 8];
    first.copy_from_slice(&imprint.hashed_message.as_bytes()[..8]);
    let nonce = u64::from_be_bytes(first);
    let body = TimeStampReq { version: 1, message_imprint: imprint.clone(), nonce, cert_req: true }
        .to_der()
        .map_err(der_err)?;
    let answer = post(url, &body)?;
    let token = token_of(&answer).map_err(|m| err(url, "trả lời của máy chủ dấu thời gian", m))?;
    let info = tst_info(&token).map_err(|m| err(url, "dấu thời gian", m))?;
    if info.imprint != imprint {
        return Err(err(url, "dấu thời gian", "máy chủ đóng dấu một mã băm khác với chữ ký đã gửi"));
    }
    Ok(token)
}

/// The token of a `TimeStampResp`, or why there is none.
fn token_of(answer: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let bad = |e: der::Error| format!("không phải trả lời RFC 3161 ({e})");
    let mut outer = der::SliceReader::new(answer).map_err(bad)?;
    let seq: der::asn1::AnyRef = outer.decode().map_err(bad)?;
    let mut r = der::SliceReader::new(seq.value()).map_err(bad)?;
    let status: der::asn1::AnyRef = r.decode().map_err(bad)?;
    let code: u32 = der::SliceReader::new(status.value()).and_then(|mut s| s.decode()).map_err(bad)?;
    if code > 1 {
        return Err(format!("máy chủ từ chối đóng dấu thời gian (trạng thái {code})"));
    }
    if r.is_finished() {
        return Err("trả lời không có dấu thời gian".into());
    }
    let token: der::asn1::AnyRef = r.decode().map_err(bad)?;
    token.to_der().map_err(bad)
}

/// Reads the TSTInfo inside a timestamp token (without checking the token's signature).
pub(crate) fn tst_info(token: &[u8]) -> std::result::Result<TstInfo, String> {
    let bad = |e: der::Error| format!("dấu thời gian không đọc được ({e})");
    let signed = ContentInfo::from_der(token).map_err(bad)?.content.decode_as::<SignedData>().map_err(bad)?;
    let content = signed.encap_content_info.econtent.ok_or("dấu thời gian không có nội dung TSTInfo")?;
    let octets = content.decode_as::<OctetString>().map_err(bad)?;
    let seq = der::asn1::AnyRef::from_der(octets.as_bytes()).map_err(bad)?;
    let mut r = der::SliceReader::new(seq.value()).map_err(bad)?;
    let _version: u8 = r.decode().map_err(bad)?;
    let _policy: ObjectIdentifier = r.decode().map_err(bad)?;
    let imprint: MessageImprint = r.decode().map_err(bad)?;
    let _serial: der::asn1::AnyRef = r.decode().map_err(bad)?;
    let gen_time: der::asn1::AnyRef = r.decode().map_err(bad)?;
    let time = generalized_time(gen_time.value()).ok_or("thời điểm trong dấu thời gian không đọc được")?;
    Ok(TstInfo { imprint, time })
}

/// Whether `token` stamps `signature` (its imprint is the SHA-256 of it).
pub(crate) fn stamps(info: &TstInfo, signature: &[u8]) -> bool {
    imprint_of(signature).is_ok_and(|i| i == info.imprint)
}

/// `YYYYMMDDHHMMSS[.fff]Z` as seconds since the Unix epoch.
fn generalized_time(s: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(s).ok()?;
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i64>().ok());
    super::unix_of(num(0..4)?, num(4..6)?, num(6..8)?, num(8..10)?, num(10..12)?, num(12..14)?)
}

/// POSTs `body` to an `http://host[:port]/path` URL and returns the response body.
fn post(url: &str, body: &[u8]) -> Result<Vec<u8>> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        err(
            url,
            "địa chỉ máy chủ dấu thời gian",
            "chỉ hỗ trợ địa chỉ http:// (dấu thời gian đã được ký nên không cần https)",
        )
    })?;
    let (host_port, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let address = if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:80") };
    let io = |e: std::io::Error| {
        Error::io(url, std::io::Error::new(e.kind(), format!("không trao đổi được với máy chủ dấu thời gian ({e})")))
    };
    let addr = std::net::ToSocketAddrs::to_socket_addrs(&address)
        .map_err(io)?
        .next()
        .ok_or_else(|| err(url, "địa chỉ", "không tìm thấy máy chủ"))?;
    let mut stream = std::net::TcpStream::connect_timeout(&addr, TIMEOUT).map_err(io)?;
    stream.set_read_timeout(Some(TIMEOUT)).map_err(io)?;
    stream.set_write_timeout(Some(TIMEOUT)).map_err(io)?;
    let head = format!(
        "POST {path} HTTP/1.0\r\nHost: {host_port}\r\nContent-Type: application/timestamp-query\r\n\
         Accept: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body)).map_err(io)?;
    let mut answer = Vec::new();
    stream.take(MAX_RESPONSE).read_to_end(&mut answer).map_err(io)?;
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| err(url, "trả lời HTTP", "trả lời không trọn"))?;
    let status_line = String::from_utf8_lossy(&answer[..split]).lines().next().unwrap_or_default().to_string();
    if status_line.split_whitespace().nth(1) != Some("200") {
        return Err(err(url, "trả lời HTTP", format!("máy chủ dấu thời gian trả lời «{status_line}»")));
    }
    Ok(answer[split + 4..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_times_read_with_or_without_fractions() {
        assert_eq!(generalized_time(b"20200701000000Z"), Some(1_593_561_600));
        assert_eq!(generalized_time(b"20200701000000.123Z"), Some(1_593_561_600));
        assert_eq!(generalized_time(b"2020"), None);
    }

    #[test]
    fn bad_answers_say_what_is_wrong() {
        assert!(token_of(b"<html>").unwrap_err().contains("RFC 3161"));
        // status 2 (rejection), no token
        let rejected = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02];
        assert!(token_of(&rejected).unwrap_err().contains("trạng thái 2"));
        assert!(post("https://tsa.example/", b"").unwrap_err().to_string().contains("http://"));
    }
}
