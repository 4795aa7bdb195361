//! `bantin sign` and `bantin verify`: read the files, ask for the password, call `bantin::sign`.

use super::args::{RoleArg, RsaArg, SignArgs};
use super::commands::{emit, Outcome};
use bantin::error::{Error, Result};
use bantin::output;
use bantin::sign::{self, Key, Role, RsaScheme, SignOptions};
use std::io::IsTerminal;
use std::path::Path;

/// The environment variable that holds the key's password.
const PASSWORD_VAR: &str = "BANTIN_KEY_PASSWORD";

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// The key's password: from `BANTIN_KEY_PASSWORD`, else asked for on the terminal (not echoed).
fn password(key: &Path) -> Result<String> {
    if let Some(p) = std::env::var_os(PASSWORD_VAR) {
        return p
            .into_string()
            .map_err(|_| Error::input(key.display().to_string(), PASSWORD_VAR, "mật khẩu phải là văn bản UTF-8"));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::input(
            key.display().to_string(),
            "mật khẩu",
            format!("không có mật khẩu: đặt biến môi trường {PASSWORD_VAR} hoặc chạy lệnh trong terminal để nhập"),
        ));
    }
    rpassword::prompt_password(format!("Mật khẩu của {}: ", key.display())).map_err(|e| Error::io(key, e))
}

/// The signing time: `SOURCE_DATE_EPOCH` when set (reproducible files), else now.
fn signing_time() -> Result<i64> {
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") {
        return v.to_str().and_then(|s| s.trim().parse().ok()).ok_or_else(|| {
            Error::input("<môi trường>", "SOURCE_DATE_EPOCH", "phải là số giây kể từ 1970-01-01 (Unix)")
        });
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Ok(now.as_secs() as i64)
}

pub fn sign_cmd(a: SignArgs, quiet: bool) -> Result<Outcome> {
    let pdf = read(&a.file)?;
    let image = a.image.as_deref().map(read).transpose()?;
    let key_file = a.key.display().to_string();
    let key_bytes = read(&a.key)?;
    let scheme = match a.rsa {
        RsaArg::Pss => RsaScheme::Pss,
        RsaArg::Pkcs1 => RsaScheme::Pkcs1v15,
    };
    let key = Key::from_pkcs12(&key_bytes, &password(&a.key)?, scheme, &key_file)?;
    let role = match a.role {
        RoleArg::Signer => Role::Signer,
        RoleArg::Agency => Role::Agency,
    };
    let image_file = a.image.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
    let options = SignOptions {
        role,
        image: image.as_deref(),
        image_file: &image_file,
        time_unix: signing_time()?,
        tsa: a.tsa.as_deref(),
    };
    let signed = sign::sign_pdf(&pdf, &key, &options, &a.file.display().to_string())?;
    let out = a.output.as_deref().unwrap_or(&a.file);
    output::write_atomic(out, &signed)?;
    emit(format!("{}\n", out.display()).as_bytes())?;
    if !quiet {
        let level = if a.tsa.is_some() { "PAdES B-T" } else { "PAdES B-B" };
        eprintln!("bantin: đã ký với vai trò {}: {} ({level})", role.label(), key.subject());
    }
    Ok(Outcome { warnings: 0 })
}

pub fn verify_cmd(file: &Path) -> Result<Outcome> {
    let name = file.display().to_string();
    let reports = sign::verify::verify(&read(file)?, &name)?;
    emit(sign::verify::summary(&reports).as_bytes())?;
    let bad: Vec<String> = reports.iter().filter(|r| !r.is_valid()).map(|r| format!("ô {}", r.field)).collect();
    if !bad.is_empty() {
        return Err(Error::Signature {
            file: name, message: format!("chữ ký không hợp lệ: {}", bad.join(", "))
        });
    }
    Ok(Outcome { warnings: 0 })
}
