//! Media types by file extension: what `serve` answers a file with, and what the
//! feeds announce an event's image as. One table, so the two never disagree.

/// The media type of a file named with `extension` (`jpg`, any case), or `None` for
/// an extension the table does not know.
pub fn by_extension(extension: &str) -> Option<&'static str> {
    Some(match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "jxl" => "image/jxl",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => return None,
    })
}

/// The media type of the file a URL or path names, by the extension of its last
/// segment (`images/kerman.JPG?w=600` → `image/jpeg`); `None` when it has no
/// extension the table knows.
pub fn of_url(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    let (_, extension) = name.rsplit_once('.')?;
    by_extension(extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_images_by_extension_in_any_case() {
        assert_eq!(by_extension("JPG"), Some("image/jpeg"));
        assert_eq!(by_extension("svg"), Some("image/svg+xml"));
        assert_eq!(by_extension("exe"), None);
    }

    #[test]
    fn reads_the_extension_of_a_url_without_its_query() {
        assert_eq!(of_url("images/kerman.JPG?w=600#x"), Some("image/jpeg"));
        assert_eq!(
            of_url("https://cdn.example.org/a.b/photo.webp"),
            Some("image/webp")
        );
        assert_eq!(of_url("https://cdn.example.org/a.b/photo"), None);
        assert_eq!(of_url("https://cdn.example.org/image?id=3.png"), None);
        assert_eq!(of_url("images/.png"), Some("image/png"));
    }
}
