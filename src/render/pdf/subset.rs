//! TrueType subsetting for PDF embedding.
//!
//! Keeps the glyphs a document uses (and the components of composite glyphs),
//! renumbered from 0, with their outlines and advances, and drops everything a
//! PDF viewer does not read: `cmap` (the PDF maps codes to glyphs itself),
//! names, layout tables and hinting. Hinting bytecode only matters for
//! low-resolution rasterisers; dropping it makes each subset about a third smaller.
//!
//! Only the glyphs kept are read, so the cost follows the subset, not the font.

/// A subset font program and how its glyphs relate to the original font.
#[derive(Debug)]
pub struct Subset {
    /// The TrueType program (`head`, `hhea`, `hmtx`, `loca`, `glyf`, `maxp`).
    pub program: Vec<u8>,
    /// The original glyph id of each subset glyph: the glyphs asked for, in order,
    /// then the components composite glyphs need (read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub gids: Vec<u16>,
    /// The advance width of each subset glyph, in font units.
    pub advances: Vec<u16>,
}

/// Subsets `font` to `wanted` (original glyph ids; the first should be 0,
/// `.notdef`), so that glyph `i` of the subset is `wanted[i]`. `None` when the
/// data is not a TrueType font this understands or an id is out of range.
pub fn subset(font: &[u8], wanted: &[u16]) -> Option<Subset> {
    let table = |tag: &[u8; 4]| table(font, tag);
    let (head, hhea, maxp) = (table(b"head")?, table(b"hhea")?, table(b"maxp")?);
    let (hmtx, loca, glyf) = (table(b"hmtx")?, table(b"loca")?, table(b"glyf")?);
    let long_loca = u16_at(head, 50)? == 1;
    let num_glyphs = u16_at(maxp, 4)?;
    let long_metrics = u16_at(hhea, 34)?.max(1);
    let outline = |g: u16| -> Option<&[u8]> {
        let i = usize::from(g);
        let (start, end) = if long_loca {
            (u32_at(loca, 4 * i)? as usize, u32_at(loca, 4 * i + 4)? as usize)
        } else {
            (usize::from(u16_at(loca, 2 * i)?) * 2, usize::from(u16_at(loca, 2 * i + 2)?) * 2)
        };
        glyf.get(start..end.max(start))
    };

    let mut gids: Vec<u16> = Vec::with_capacity(wanted.len() + 16);
    let mut new_of_old = vec![u16::MAX; usize::from(num_glyphs)];
    for &g in wanted {
        let slot = new_of_old.get_mut(usize::from(g))?;
        if *slot == u16::MAX {
            *slot = u16::try_from(gids.len()).ok()?;
            gids.push(g);
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * gids.len() + 4);
    let mut i = 0;
    while i < gids.len() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let data = outline(gids[i])?;
        if !data.is_empty() {
            let (mut glyph, components) = strip_glyph(data)?;
            for at in components {
                let old = u16_at(&glyph, at)?;
                let slot = new_of_old.get_mut(usize::from(old))?;
                if *slot == u16::MAX {
                    *slot = u16::try_from(gids.len()).ok()?;
                    gids.push(old);
                }
                glyph[at..at + 2].copy_from_slice(&slot.to_be_bytes());
            }
            new_glyf.extend_from_slice(&glyph);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
        i += 1;
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_hmtx = Vec::with_capacity(4 * gids.len());
    let mut advances = Vec::with_capacity(gids.len());
    for &g in &gids {
        let long = usize::from(g.min(long_metrics - 1));
        let advance = u16_at(hmtx, 4 * long)?;
        let lsb = if g < long_metrics {
            u16_at(hmtx, 4 * long + 2)?
        } else {
            u16_at(hmtx, 4 * usize::from(long_metrics) + 2 * usize::from(g - long_metrics))?
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
        advances.push(advance);
    }
    let count = u16::try_from(gids.len()).ok()?.to_be_bytes();
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set by write_font
    new_head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea.get_mut(34..36)?.copy_from_slice(&count);
    let mut new_maxp = maxp.to_vec();
    new_maxp.get_mut(4..6)?.copy_from_slice(&count);
    // Tags in ascending order, as the table directory requires.
    let out_tables = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
    ];
    Some(Subset { program: write_font(font.get(0..4)?, out_tables), gids, advances })
}

/// The bytes of table `tag` in `font`, if it has one.
pub fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let t = read_directory(font)?.into_iter().find(|t| &t.tag == tag)?;
    font.get(t.offset..t.offset + t.len)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*data.get(at)?, *data.get(at + 1)?, *data.get(at + 2)?, *data.get(at + 3)?]))
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

/// One glyph without its instructions, and for a composite glyph the byte
/// offsets of its components' glyph ids.
fn strip_glyph(g: &[u8]) -> Option<(Vec<u8>, Vec<usize>)> {
    let contours = i16::from_be_bytes([*g.first()?, *g.get(1)?]);
    if contours >= 0 {
        let n = contours as usize;
        let len_at = 10 + 2 * n;
        let ilen = u16::from_be_bytes([*g.get(len_at)?, *g.get(len_at + 1)?]) as usize;
        let mut out = g.get(..len_at)?.to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(g.get(len_at + 2 + ilen..)?);
        return Some((out, Vec::new()));
    }
    // Composite: walk the components; drop trailing instructions.
    let mut pos = 10;
    let mut components = Vec::new();
    loop {
        components.push(pos + 2);
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
            return Some((out, components));
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
    use ab_glyph::{Font, FontRef, GlyphId};

    #[test]
    fn subset_glyphs_keep_their_advances_and_outlines() {
        for face in crate::fonts::Face::ALL {
            let full = FontRef::try_from_slice(face.bytes()).unwrap();
            let text = "Bến Tre ệ ữ Đ Ư 0123 “”";
            let mut wanted = vec![0u16];
            wanted.extend(text.chars().map(|c| full.glyph_id(c).0));
            let sub = subset(face.bytes(), &wanted).expect("subsets");
            assert!(sub.program.len() < face.bytes().len() / 10, "{face:?}: {} bytes", sub.program.len());
            assert!(sub.gids.len() > 20, "components of composite glyphs are added: {}", sub.gids.len());
            let small = FontRef::try_from_slice(&sub.program).expect("the subset parses");
            assert_eq!(small.glyph_count(), sub.gids.len());
            for (new, &old) in sub.gids.iter().enumerate() {
                let (a, b) = (GlyphId(old), GlyphId(new as u16));
                assert_eq!(full.h_advance_unscaled(a), small.h_advance_unscaled(b));
                assert_eq!(f32::from(sub.advances[new]), small.h_advance_unscaled(b));
                let oa = full.outline(a).map(|o| (o.bounds.min.x, o.bounds.max.y, o.curves.len()));
                let ob = small.outline(b).map(|o| (o.bounds.min.x, o.bounds.max.y, o.curves.len()));
                assert_eq!(oa, ob, "{face:?} glyph {old} -> {new}");
            }
        }
    }

    #[test]
    fn garbage_and_bad_ids_are_refused_not_panicked_on() {
        assert!(subset(b"not a font at all", &[0]).is_none());
        assert!(subset(&[0u8; 3], &[0]).is_none());
        assert!(subset(crate::fonts::Face::Regular.bytes(), &[0, u16::MAX]).is_none());
    }
}
