//! The pixel size of an image the build publishes, read from the file's header only:
//! what `width` and `height` on `<img>` say, so that a page keeps its layout while
//! its images load. Raster formats go to the `imagesize` crate (no decoding; a JPEG's
//! EXIF orientation is applied here, as browsers apply it); an SVG's size is read
//! from the attributes of its root element. Reading only: whether an image is
//! published at all is `site_files.rs`'s question, and where a size is wrong is
//! resolve's.

use std::io::{BufRead, Read, Seek, SeekFrom};

/// An image's size in CSS pixels, as the browser lays it out at its natural size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    /// Width in pixels, at least 1.
    pub width: u32,
    /// Height in pixels, at least 1.
    pub height: u32,
}

/// How far into an SVG its root element is looked for: past an XML declaration,
/// comments and a document type, which is where editors' tools put it.
const SVG_HEAD: u64 = 64 * 1024;

/// The size of the image in a file named `name` (for its extension), reading it from
/// `reader`. `Ok(None)` for a file that is not an image by its extension, and for an
/// SVG that gives no size (no `width` and `height` in pixels, no `viewBox`): it is
/// laid out at the size CSS gives it.
///
/// # Errors
/// Why the size cannot be read, in an editor's words: the file is not an image of a
/// kind browsers show, its header is cut short or damaged, or reading it failed.
pub fn read<R: BufRead + Seek>(name: &str, mut reader: R) -> Result<Option<Size>, String> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("svg") => {
            let mut head = Vec::new();
            reader
                .take(SVG_HEAD)
                .read_to_end(&mut head)
                .map_err(|e| format!("cannot read it: {e}"))?;
            svg(&String::from_utf8_lossy(&head))
        }
        // Compressed SVG: its header is gzip's, and it is shown at the size CSS gives.
        Some("svgz") => Ok(None),
        Some(ext) if crate::media::by_extension(ext).is_some_and(|t| t.starts_with("image/")) => {
            raster(&mut reader).map(Some)
        }
        _ => Ok(None),
    }
}

/// The size of a raster image (JPEG, PNG, GIF, WebP, AVIF…) as the browser shows it.
fn raster<R: BufRead + Seek>(reader: &mut R) -> Result<Size, String> {
    use imagesize::{ImageError, ImageType};
    let kind = imagesize::reader_type(&mut *reader).map_err(|e| match e {
        ImageError::NotSupported | ImageError::CorruptedImage => {
            "its first bytes are not the header of an image browsers show \
             (JPEG, PNG, GIF, WebP, AVIF, JPEG XL, BMP, ICO or TIFF)"
                .to_owned()
        }
        ImageError::IoError(e) => io_problem(&e),
    })?;
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| io_problem(&e))?;
    let size = kind.reader_size(&mut *reader).map_err(|e| match e {
        ImageError::NotSupported | ImageError::CorruptedImage => {
            "its header is damaged: no size found in it".to_owned()
        }
        ImageError::IoError(e) => io_problem(&e),
    })?;
    let (mut width, mut height) = (size.width, size.height);
    if kind == ImageType::Jpeg && jpeg_orientation(reader).is_some_and(|o| (5..=8).contains(&o)) {
        // Turned a quarter: the browser shows it on its side of the stored pixels.
        std::mem::swap(&mut width, &mut height);
    }
    let pixels = |n: usize| u32::try_from(n).ok().filter(|&n| n > 0);
    match (pixels(width), pixels(height)) {
        (Some(width), Some(height)) => Ok(Size { width, height }),
        _ => Err(format!(
            "its header gives a size of {width} × {height} pixels"
        )),
    }
}

/// What went wrong reading a file, in an editor's words.
fn io_problem(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        "the file ends inside its header: is it empty, or cut short?".to_owned()
    } else {
        format!("cannot read it: {e}")
    }
}

/// The EXIF orientation of a JPEG (1 to 8; 5 to 8 are turned a quarter), from its
/// first APP1 segment; `None` when it has none or it cannot be read, which leaves the
/// image as stored.
fn jpeg_orientation<R: Read + Seek>(reader: &mut R) -> Option<u16> {
    reader.seek(SeekFrom::Start(2)).ok()?;
    // A JPEG's metadata segments come first; 64 of them is more than any camera writes.
    for _ in 0..64 {
        let mut marker = [0u8; 4];
        reader.read_exact(&mut marker).ok()?;
        let [0xFF, kind, hi, lo] = marker else {
            return None;
        };
        let length = u16::from_be_bytes([hi, lo]).checked_sub(2)?;
        match kind {
            0xE1 => {
                let mut segment = vec![0; usize::from(length)];
                reader.read_exact(&mut segment).ok()?;
                if let Some(tiff) = segment.strip_prefix(b"Exif\0\0") {
                    return exif_orientation(tiff);
                }
            }
            // Start of frame or of scan: the metadata is behind.
            0xC0..=0xCF | 0xDA => return None,
            _ => {
                reader.seek(SeekFrom::Current(i64::from(length))).ok()?;
            }
        }
    }
    None
}

/// The orientation tag (0x0112) of the first image directory of an EXIF block
/// (`tiff`: from its byte-order mark on).
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let bytes: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(bytes)
        } else {
            u16::from_le_bytes(bytes)
        })
    };
    let u32_at = |at: usize| {
        let bytes: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(bytes)
        } else {
            u32::from_le_bytes(bytes)
        })
    };
    let directory = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(directory)?);
    (0..entries)
        .map(|n| directory + 2 + n * 12)
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
}

/// The size an SVG gives itself, from the start of the file (`head`): its root
/// element's `width` and `height` in pixels (a bare number or `px`), else in the
/// proportions of its `viewBox` — one of the two scaled by it, or the `viewBox`'s own
/// size. `Ok(None)` when it gives neither.
fn svg(head: &str) -> Result<Option<Size>, String> {
    let Some(attributes) = svg_root(head) else {
        return Err("no `<svg>` element at its start: is it an SVG image?".to_owned());
    };
    let mut width = None;
    let mut height = None;
    let mut view_box = None;
    for (name, value) in attributes {
        match name {
            "width" => width = css_pixels(value),
            "height" => height = css_pixels(value),
            "viewBox" => {
                let numbers: Vec<f64> = value
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                if let [_, _, w, h] = numbers[..]
                    && w > 0.0
                    && h > 0.0
                {
                    view_box = Some((w, h));
                }
            }
            _ => {}
        }
    }
    let size = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(view_box)) => view_box,
        _ => return Ok(None),
    };
    let pixels = |n: f64| {
        let n = n.round();
        // Saturates at u32::MAX, never wraps; a size under half a pixel is one.
        (n < f64::from(u32::MAX)).then(|| (n as u32).max(1))
    };
    Ok(pixels(size.0)
        .zip(pixels(size.1))
        .map(|(width, height)| Size { width, height }))
}

/// A length in CSS pixels: `640`, `640px`, `640.5`; `None` for other units (`%`,
/// `em`, `mm`), which depend on where the image is shown.
fn css_pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim_end();
    number
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
}

/// The attributes of the first `<svg` element of `head`, as written (quotes
/// removed), skipping the XML declaration, comments and a document type before it.
/// `None` when there is none.
fn svg_root(head: &str) -> Option<Vec<(&str, &str)>> {
    let mut rest = head;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix("<svg")?;
    if !tag.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
        return None;
    }
    let mut attributes = Vec::new();
    let mut rest = tag.trim_start();
    while !rest.starts_with('>') && !rest.starts_with('/') && !rest.is_empty() {
        let name_end =
            rest.find(|c: char| c == '=' || c.is_whitespace() || c == '>' || c == '/')?;
        let (name, after) = rest.split_at(name_end);
        let after = after.trim_start();
        let Some(value) = after.strip_prefix('=') else {
            // An attribute without a value, which XML does not have: skip it.
            rest = after;
            if name.is_empty() {
                return None;
            }
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|&c| c == '"' || c == '\'')?;
        let value = &value[1..];
        let end = value.find(quote)?;
        attributes.push((name, &value[..end]));
        rest = value[end + 1..].trim_start();
    }
    Some(attributes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn size(name: &str, bytes: &[u8]) -> Result<Option<Size>, String> {
        read(name, Cursor::new(bytes))
    }

    fn wh(width: u32, height: u32) -> Result<Option<Size>, String> {
        Ok(Some(Size { width, height }))
    }

    /// A PNG's signature and IHDR chunk, `width` × `height`.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    /// A JPEG's start, an EXIF APP1 segment with `orientation` (little-endian), and a
    /// baseline frame header of `width` × `height`.
    fn jpeg(width: u16, height: u16, orientation: Option<u16>) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        if let Some(orientation) = orientation {
            let mut tiff = b"II*\0\x08\0\0\0".to_vec();
            tiff.extend(1u16.to_le_bytes());
            tiff.extend(0x0112u16.to_le_bytes());
            tiff.extend(3u16.to_le_bytes());
            tiff.extend(1u32.to_le_bytes());
            tiff.extend(orientation.to_le_bytes());
            tiff.extend([0, 0, 0, 0, 0, 0]);
            let mut segment = b"Exif\0\0".to_vec();
            segment.extend(tiff);
            bytes.extend([0xFF, 0xE1]);
            bytes.extend(u16::try_from(segment.len() + 2).unwrap().to_be_bytes());
            bytes.extend(segment);
        }
        bytes.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn reads_a_png_header() {
        assert_eq!(size("a.png", &png(1200, 800)), wh(1200, 800));
        // By its header, whatever its name says.
        assert_eq!(size("a.jpg", &png(3, 2)), wh(3, 2));
    }

    #[test]
    fn turns_a_jpeg_by_its_exif_orientation() {
        assert_eq!(size("a.jpg", &jpeg(640, 480, None)), wh(640, 480));
        assert_eq!(size("a.jpg", &jpeg(640, 480, Some(1))), wh(640, 480));
        assert_eq!(size("a.jpg", &jpeg(640, 480, Some(6))), wh(480, 640));
        assert_eq!(size("a.jpeg", &jpeg(640, 480, Some(8))), wh(480, 640));
    }

    #[test]
    fn says_what_is_wrong_with_a_header() {
        let err = size("a.png", b"<!doctype html><p>Not found</p>").unwrap_err();
        assert!(err.contains("not the header of an image"), "{err}");
        assert!(
            size("a.png", b"")
                .unwrap_err()
                .contains("empty, or cut short")
        );
        let cut = &png(10, 10)[..14];
        assert!(size("a.png", cut).unwrap_err().contains("cut short"));
        let zero = size("a.png", &png(0, 10)).unwrap_err();
        assert!(zero.contains("0 × 10"), "{zero}");
    }

    #[test]
    fn leaves_files_that_are_not_images_alone() {
        assert_eq!(size("notes.txt", b"hello"), Ok(None));
        assert_eq!(size("README", b"hello"), Ok(None));
        assert_eq!(size("map.svgz", b"\x1f\x8b"), Ok(None));
    }

    #[test]
    fn reads_an_svg_root_element() {
        let svg = |text: &str| size("a.svg", text.as_bytes());
        assert_eq!(
            svg("<svg width=\"640\" height=\"360px\"></svg>"),
            wh(640, 360)
        );
        assert_eq!(
            svg(
                "<?xml version=\"1.0\"?>\n<!-- <svg width='1' height='1'> -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox='0 0 1200 630'>"
            ),
            wh(1200, 630)
        );
        assert_eq!(svg("<svg width='300' viewBox='0,0,600,400'>"), wh(300, 200));
        assert_eq!(svg("<svg height='100%' viewBox='0 0 16 9'>"), wh(16, 9));
        assert_eq!(svg("<svg width='50%'>"), Ok(None));
        assert!(svg("<html><svg>").unwrap_err().contains("no `<svg>`"));
        assert!(svg("<svgfoo width='1'>").is_err());
    }
}
