//! Images as pages show them: their size read from the file (no layout shift as a
//! page loads), the lead image fetched first and the others lazily, and captions
//! with credits set apart.

use crate::helpers::{Site, errors, png};

/// A site whose event has a lead image, a figure and an image in running text, and
/// whose explainer shows an image from elsewhere with its size written.
fn site_with_images() -> Site {
    let site = Site::new();
    site.file("dateline.toml", "title = \"T\"\n")
        .bytes("static/images/kerman.png", &png(1600, 900))
        .bytes("static/images/crowd.png", &png(1200, 800))
        .bytes("static/icons/dot.png", &png(16, 16))
        .file(
            "static/maps/kerman.svg",
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\"></svg>\n",
        )
        .file(
            "content/events/2024-01-03-blasts.md",
            "---\ntitle: Blasts\nimage:\n  src: images/kerman.png\n  alt: Smoke over a road\n  caption: The road to the cemetery, 3 January\n  credit: Atta Kenare/AFP\n---\nIntro.\n\n![Mourners carry portraits](images/crowd.png \"Illustration: desk\")\n\nA dot ![red dot](icons/dot.png) inline.\n\n![Map of Kerman](maps/kerman.svg)\n",
        )
        .file(
            "content/explainers/quds-force.md",
            "---\ntitle: The Quds Force\nimage:\n  src: https://photos.example.org/quds.jpg\n  alt: A parade\n  width: 1024\n  height: 683\n---\nA force.\n",
        );
    site
}

#[test]
fn images_carry_their_size_and_the_lead_image_is_fetched_first() {
    let site = site_with_images();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    let lead = ".lead-image img";
    assert_eq!(page.attrs(lead, "width"), ["1600"]);
    assert_eq!(page.attrs(lead, "height"), ["900"]);
    assert_eq!(page.attrs(lead, "fetchpriority"), ["high"]);
    assert!(
        page.attrs(lead, "loading").is_empty(),
        "the lead is not lazy"
    );

    let body = ".body img";
    assert_eq!(
        page.attrs(body, "src"),
        ["/images/crowd.png", "/icons/dot.png", "/maps/kerman.svg"]
    );
    assert_eq!(page.attrs(body, "width"), ["1200", "16", "640"]);
    assert_eq!(page.attrs(body, "height"), ["800", "16", "360"]);
    assert_eq!(page.attrs(body, "loading"), ["lazy", "lazy", "lazy"]);
    assert_eq!(page.attrs(body, "decoding"), ["async", "async", "async"]);
    assert!(page.attrs(body, "fetchpriority").is_empty());

    // An image from elsewhere: the size written in front matter.
    let explainer = site.page("/explainers/quds-force/");
    assert_eq!(explainer.attrs(lead, "width"), ["1024"]);
    assert_eq!(explainer.attrs(lead, "height"), ["683"]);
    assert_eq!(explainer.attrs(lead, "fetchpriority"), ["high"]);
}

#[test]
fn an_image_from_elsewhere_without_a_size_has_none() {
    let site = site_with_images();
    site.file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\nimage:\n  src: https://photos.example.org/quds.jpg\n  alt: A parade\n---\nA force. ![x](https://photos.example.org/x.jpg)\n",
    );
    site.build(&[]);
    let page = site.page("/explainers/quds-force/");
    assert!(page.attrs("img", "width").is_empty());
    assert_eq!(page.attrs(".body img", "loading"), ["lazy"]);
}

#[test]
fn a_caption_and_a_credit_are_set_apart_and_the_caption_beats_the_alt_text() {
    let site = site_with_images();
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.texts(".lead-image figcaption > *"),
        [
            "The road to the cemetery, 3 January",
            "Photo: Atta Kenare/AFP"
        ]
    );
    assert_eq!(
        page.attrs(".lead-image figcaption > *", "class"),
        ["caption", "credit"]
    );
    // A caption of its own is read by everyone; the alt text stays the image's.
    assert!(page.attrs(".lead-image .caption", "aria-hidden").is_empty());
    assert_eq!(page.attrs(".lead-image img", "alt"), ["Smoke over a road"]);
    // A credit that says what it is keeps its own label.
    assert_eq!(page.text(".body figure .credit"), "Illustration: desk");
    // A figure's caption is its alt text, which screen readers hear once, from the
    // image.
    assert_eq!(
        page.texts(".body figure .caption"),
        ["Mourners carry portraits", "Map of Kerman"]
    );
    assert_eq!(
        page.attrs(".body figure .caption", "aria-hidden"),
        ["true", "true"]
    );

    // Without a caption, the lead image's alt text is its caption, as a figure's is.
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\nimage:\n  src: images/kerman.png\n  alt: Smoke over a road\n  credit: \"Handout photo: IRNA\"\n---\nIntro.\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/03/blasts/");
    assert_eq!(
        page.texts(".lead-image figcaption > *"),
        ["Smoke over a road", "Handout photo: IRNA"]
    );
    assert_eq!(page.attrs(".lead-image .caption", "aria-hidden"), ["true"]);
}

#[test]
fn an_image_whose_header_cannot_be_read_is_a_warning_naming_file_and_line() {
    let site = site_with_images();
    site.file("static/images/broken.jpg", "<!doctype html><p>Not found</p>")
        .bytes("static/images/empty.png", b"")
        .file(
            "content/events/2024-01-04-later.md",
            "---\ntitle: Later\nimage:\n  src: images/empty.png\n  alt: Nothing\n---\nText.\n\n![Broken](images/broken.jpg)\n",
        );
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "warning: cannot read the size of image `static/images/empty.png`, so pages show it without one: the file ends inside its header: is it empty, or cut short?\n --> content/events/2024-01-04-later.md:4:8\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: cannot read the size of image `static/images/broken.jpg`, so pages show it without one: its first bytes are not the header of an image browsers show (JPEG, PNG, GIF, WebP, AVIF, JPEG XL, BMP, ICO or TIFF)\n --> content/events/2024-01-04-later.md:9:1\n"
        ),
        "{stderr}"
    );
    // The page is built, its images without a size.
    let page = site.page("/2024/01/04/later/");
    assert_eq!(
        page.attrs("img", "src"),
        ["/images/empty.png", "/images/broken.jpg"]
    );
    assert!(page.attrs("img", "width").is_empty());
    // Both warnings together, and `check --strict` fails on them.
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(
        stderr.matches("cannot read the size of image").count(),
        2,
        "{stderr}"
    );
}

#[test]
fn a_size_in_front_matter_is_whole_and_agrees_with_the_file() {
    let site = site_with_images();
    site.file(
        "content/events/2024-01-03-blasts.md",
        "---\ntitle: Blasts\nimage:\n  src: images/kerman.png\n  alt: Smoke\n  width: 800\n  height: 600\n---\nIntro.\n",
    )
    .file(
        "content/explainers/quds-force.md",
        "---\ntitle: The Quds Force\nimage:\n  src: https://photos.example.org/quds.jpg\n  alt: A parade\n  width: 1024\n---\nA force.\n",
    );
    let stderr = site.build_fails(&[]);
    let found = errors(&stderr);
    assert!(
        found.contains(&(
            "content/events/2024-01-03-blasts.md:6:10".to_owned(),
            "the image's `width` and `height` say 800 × 600 pixels, but `images/kerman.png` is 1600 × 900".to_owned(),
            Some("leave `width` and `height` out: dateline reads the size of a static file from the file".to_owned()),
        )),
        "{stderr}"
    );
    assert!(
        found.contains(&(
            "content/explainers/quds-force.md:6:10".to_owned(),
            "the image has a `width` but no `height`".to_owned(),
            Some("give `width` and `height` together, in pixels (`width: 1200`, `height: 800`), or neither".to_owned()),
        )),
        "{stderr}"
    );
}

#[test]
fn a_figure_that_opens_a_body_is_not_lazy() {
    let site = site_with_images();
    site.file(
        "content/events/2024-01-04-later.md",
        "---\ntitle: Later\n---\n![Crowd](images/crowd.png)\n\nText.\n\n![Again](images/crowd.png)\n",
    );
    site.build(&[]);
    let page = site.page("/2024/01/04/later/");
    // On a page without a lead image it may be the largest thing on the first screen.
    assert_eq!(
        page.attrs(".body figure img", "decoding"),
        ["async", "async"]
    );
    assert_eq!(page.attrs(".body figure img", "loading"), ["lazy"]);
    assert_eq!(page.attrs(".body figure img[loading]", "alt"), ["Again"]);
}
