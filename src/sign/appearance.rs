//! What a signature shows on the page (its appearance stream, ISO 32000-1, 12.7.4.5):
//! the signer's blue signature image (ô 7c), or the agency's red seal with the agency's
//! name and the signing time under it in Liberation Serif 10 pt (ô 8).

use super::fields::{TEXT_LEADING, TEXT_SIZE};
use super::pdf::{rect_object, write_real, Update};
use super::{common_name, err, iso_vietnam, Key, Role, SignOptions};
use crate::error::Result;
use crate::fonts::{self, Face};
use crate::render::pdf::embed::{self, Glyphs};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::io::Write as _;

/// The largest image side accepted, in pixels.
const MAX_SIDE: u32 = 8000;

/// A decoded PNG: 8-bit RGB samples and, when it has transparency, 8-bit alpha.
#[derive(Debug)]
struct Picture {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// Decodes `bytes` as a PNG; errors name `file`.
fn decode_png(bytes: &[u8], file: &str) -> Result<Picture> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(err(file, "đầu tệp", "ảnh chữ ký/con dấu phải là tệp PNG (Phụ lục I, Nghị định 30/2020/NĐ-CP)"));
    }
    let bad = |e: png::DecodingError| err(file, "ảnh PNG", format!("không đọc được ảnh PNG ({e})"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(bad)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(err(file, "ảnh PNG", format!("ảnh {w}×{h} điểm ảnh; cần từ 1 đến {MAX_SIDE} điểm mỗi chiều")));
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    buf.truncate(frame.buffer_size());
    let pixels = (w * h) as usize;
    let (mut rgb, mut alpha) = (Vec::with_capacity(pixels * 3), Vec::with_capacity(pixels));
    match frame.color_type {
        png::ColorType::Rgba => buf.chunks_exact(4).for_each(|p| {
            rgb.extend_from_slice(&p[..3]);
            alpha.push(p[3]);
        }),
        png::ColorType::Rgb => rgb = buf,
        png::ColorType::GrayscaleAlpha => buf.chunks_exact(2).for_each(|p| {
            rgb.extend_from_slice(&[p[0]; 3]);
            alpha.push(p[1]);
        }),
        _ => buf.iter().for_each(|&g| rgb.extend_from_slice(&[g; 3])),
    }
    if rgb.len() != pixels * 3 {
        return Err(err(file, "ảnh PNG", "dữ liệu ảnh không đủ"));
    }
    if alpha.is_empty() || alpha.iter().all(|&a| a == 255) {
        return Err(err(
            file,
            "ảnh PNG",
            "ảnh không có nền trong suốt; Nghị định 30/2020/NĐ-CP yêu cầu ảnh PNG nền trong suốt",
        ));
    }
    Ok(Picture { width: w, height: h, rgb, alpha: Some(alpha) })
}

/// Deflates `data` (zlib) for a `/FlateDecode` stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// Adds the image XObject (with its soft mask) to the update; returns its id and aspect ratio.
fn add_image(up: &mut Update, picture: &Picture) -> ObjectId {
    let image_dict = |colour: &[u8]| {
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", Object::Integer(i64::from(picture.width))),
            ("Height", Object::Integer(i64::from(picture.height))),
            ("ColorSpace", Object::Name(colour.to_vec())),
            ("BitsPerComponent", Object::Integer(8)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ])
    };
    let mut dict = image_dict(b"DeviceRGB");
    if let Some(alpha) = &picture.alpha {
        let mask = up.add(&Object::Stream(Stream::new(image_dict(b"DeviceGray"), deflate(alpha))));
        dict.set("SMask", Object::Reference(mask));
    }
    up.add(&Object::Stream(Stream::new(dict, deflate(&picture.rgb))))
}

/// Content-stream operators that draw image `/name` (w × h pixels) as large as fits in
/// the box `(x, y, bw, bh)`, centred.
fn place_image(ops: &mut Vec<u8>, name: &str, picture: &Picture, x: f32, y: f32, bw: f32, bh: f32) {
    let aspect = picture.width as f32 / picture.height as f32;
    let (w, h) = if bw / bh > aspect { (bh * aspect, bh) } else { (bw, bw / aspect) };
    ops.extend_from_slice(b"q ");
    for v in [w, 0.0, 0.0, h, x + (bw - w) / 2.0, y + (bh - h) / 2.0] {
        write_real(ops, v);
        ops.push(b' ');
    }
    let _ = writeln!(ops, "cm /{name} Do Q");
}

/// Builds the appearance of a signature in a widget of `rect`; returns the form XObject's id.
pub(super) fn build(up: &mut Update, key: &Key, options: &SignOptions, rect: [f32; 4], file: &str) -> Result<ObjectId> {
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let picture = options.image.map(|bytes| decode_png(bytes, options.image_file)).transpose()?;
    let mut resources = Dictionary::new();
    let mut ops = Vec::new();
    let mut xobjects = Dictionary::new();
    match options.role {
        Role::Signer => {
            if let Some(p) = &picture {
                xobjects.set("Im1", Object::Reference(add_image(up, p)));
                place_image(&mut ops, "Im1", p, 0.0, 0.0, w, h);
            }
        }
        Role::Agency => {
            // The seal fills the square at the top; the two text lines sit under it.
            let band = 2.0 * TEXT_LEADING + 4.0;
            let side = (h - band).min(w).max(0.0);
            if let Some(p) = &picture {
                xobjects.set("Im1", Object::Reference(add_image(up, p)));
                place_image(&mut ops, "Im1", p, 0.0, h - side, side, side);
            }
            let name = common_name(key.certificate.tbs_certificate().subject());
            let lines = [name, iso_vietnam(options.time_unix)];
            if let Some(c) = lines.iter().find_map(|l| fonts::first_missing(Face::Regular, l)) {
                return Err(err(
                    file,
                    "tên cơ quan trong chứng thư",
                    format!("ký tự {c:?} không có trong phông Liberation Serif"),
                ));
            }
            let mut glyphs = Glyphs::default();
            ops.extend_from_slice(b"BT 0 g\n");
            for (i, line) in lines.iter().enumerate() {
                let baseline = band - TEXT_SIZE - i as f32 * TEXT_LEADING;
                let mut hex = String::new();
                for c in line.chars() {
                    glyphs.push_code(Face::Regular, c, &mut hex);
                }
                let _ = write!(ops, "/{} ", embed::resource_name(Face::Regular));
                write_real(&mut ops, TEXT_SIZE);
                ops.extend_from_slice(b" Tf 1 0 0 1 0 ");
                write_real(&mut ops, baseline);
                let _ = writeln!(ops, " Tm <{hex}> Tj");
            }
            ops.extend_from_slice(b"ET\n");
            let mut font_doc = lopdf::Document::with_version("1.7");
            let fonts = embed::embed(&mut font_doc, &glyphs)?;
            resources.set("Font", up.import(&font_doc, &Object::Dictionary(fonts)));
        }
    }
    if !xobjects.is_empty() {
        resources.set("XObject", Object::Dictionary(xobjects));
    }
    let form = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Form".to_vec())),
        ("BBox", rect_object([0.0, 0.0, w, h])),
        ("Resources", Object::Dictionary(resources)),
        ("Filter", Object::Name(b"FlateDecode".to_vec())),
    ]);
    Ok(up.add(&Object::Stream(Stream::new(form, deflate(&ops)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_png_is_refused_by_name() {
        let e = decode_png(b"GIF89a....", "seal.gif").unwrap_err().to_string();
        assert!(e.starts_with("seal.gif: ") && e.contains("PNG"), "{e}");
    }

    #[test]
    fn images_keep_their_shape_and_are_centred() {
        let p = Picture { width: 200, height: 100, rgb: Vec::new(), alpha: None };
        let mut ops = Vec::new();
        place_image(&mut ops, "Im1", &p, 0.0, 0.0, 100.0, 100.0);
        assert_eq!(String::from_utf8(ops).unwrap(), "q 100 0 0 50 0 25 cm /Im1 Do Q\n");
    }
}
