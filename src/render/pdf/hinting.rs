//! Removes TrueType hinting instructions from a font program.
//!
//! Hinting bytecode only matters for low-resolution rasterisers; PDF viewers and
//! printers render the outlines without it. Dropping it makes each embedded
//! subset about a third smaller. Outlines, metrics and cmap are untouched.

/// Returns the font with empty glyph instructions, a long `loca`, and fresh
/// checksums, or `None` when the data is not a TrueType font this understands.
pub fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let tables = read_directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.tag == tag);
    let head = find(b"head")?;
    let loca = find(b"loca")?;
    let glyf = find(b"glyf")?;
    let head_data = font.get(head.offset..head.offset + head.len)?;
    let long_loca = u16::from_be_bytes([*head_data.get(50)?, *head_data.get(51)?]) == 1;
    let loca_data = font.get(loca.offset..loca.offset + loca.len)?;
    let offsets: Vec<usize> = if long_loca {
        loca_data.chunks_exact(4).map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize).collect()
    } else {
        loca_data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]]) as usize * 2).collect()
    };
    let glyf_data = font.get(glyf.offset..glyf.offset + glyf.len)?;
    let mut new_glyf = Vec::with_capacity(glyf_data.len());
    let mut new_loca = Vec::with_capacity(offsets.len() * 4);
    for w in offsets.windows(2) {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let glyph = glyf_data.get(w[0]..w[1])?;
        if !glyph.is_empty() {
            new_glyf.extend_from_slice(&strip_glyph(glyph)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head_data.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, fixed below
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for t in &tables {
        let data = match &t.tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"fpgm" | b"prep" | b"cvt " | b"hdmx" | b"LTSH" | b"VDMX" => continue,
            _ => font.get(t.offset..t.offset + t.len)?.to_vec(),
        };
        out_tables.push((t.tag, data));
    }
    Some(write_font(font.get(0..4)?, out_tables))
}

struct TableRecord {
    tag: [u8; 4],
    offset: usize,
    len: usize,
}

fn read_directory(font: &[u8]) -> Option<Vec<TableRecord>> {
    let n = u16::from_be_bytes([*font.get(4)?, *font.get(5)?]) as usize;
    (0..n)
        .map(|i| {
            let r = font.get(12 + i * 16..12 + i * 16 + 16)?;
            Some(TableRecord {
                tag: [r[0], r[1], r[2], r[3]],
                offset: u32::from_be_bytes([r[8], r[9], r[10], r[11]]) as usize,
                len: u32::from_be_bytes([r[12], r[13], r[14], r[15]]) as usize,
            })
        })
        .collect()
}

/// One glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    let contours = i16::from_be_bytes([*g.first()?, *g.get(1)?]);
    if contours >= 0 {
        let n = contours as usize;
        let len_at = 10 + 2 * n;
        let ilen = u16::from_be_bytes([*g.get(len_at)?, *g.get(len_at + 1)?]) as usize;
        let mut out = g.get(..len_at)?.to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(g.get(len_at + 2 + ilen..)?);
        return Some(out);
    }
    // Composite: walk the components; drop trailing instructions.
    let mut pos = 10;
    loop {
        let flags = u16::from_be_bytes([*g.get(pos)?, *g.get(pos + 1)?]);
        let mut size = 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        size += match flags {
            f if f & 0x0008 != 0 => 2,
            f if f & 0x0040 != 0 => 4,
            f if f & 0x0080 != 0 => 8,
            _ => 0,
        };
        if flags & 0x0020 == 0 {
            let mut out = g.get(..pos + size)?.to_vec();
            let cleared = flags & !0x0100;
            out[pos..pos + 2].copy_from_slice(&cleared.to_be_bytes());
            return Some(out);
        }
        pos += size;
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn write_font(version: &[u8], tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let n = tables.len();
    let mut entry_selector = 0u16;
    while (1usize << (entry_selector + 1)) <= n {
        entry_selector += 1;
    }
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(version);
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&((n as u16) * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * n;
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * n + body.len();
    }
    out.extend_from_slice(&body);
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font, FontRef};

    #[test]
    fn stripped_font_keeps_metrics_and_outlines() {
        for face in crate::fonts::Face::ALL {
            let full = face.bytes();
            let small = strip(full).expect("strips");
            assert!(small.len() < full.len() * 9 / 10, "{face:?}: {} -> {}", full.len(), small.len());
            let a = FontRef::try_from_slice(full).unwrap();
            let b = FontRef::try_from_slice(&small).unwrap();
            for ch in "Bến Tre ệ ữ Đ Ư 0123 “”".chars() {
                let (ga, gb) = (a.glyph_id(ch), b.glyph_id(ch));
                assert_eq!(ga, gb);
                assert_eq!(a.h_advance_unscaled(ga), b.h_advance_unscaled(gb));
                let oa = a.outline(ga).map(|o| (o.bounds.min.x, o.bounds.max.y, o.curves.len()));
                let ob = b.outline(gb).map(|o| (o.bounds.min.x, o.bounds.max.y, o.curves.len()));
                assert_eq!(oa, ob, "{ch}");
            }
        }
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        assert!(strip(b"not a font at all").is_none());
        assert!(strip(&[0u8; 3]).is_none());
    }
}
