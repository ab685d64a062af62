//! What the scanner needs to know about element names.

/// Parts of `class`/`id` values that mark boilerplate blocks.
const BOILERPLATE: &[&str] = &[
    "nav", "menu", "footer", "cookie", "share", "related", "advert",
];

/// Contents never shown as article text.
pub(super) fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "head"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "menu"
            | "select"
            | "textarea"
            | "dialog"
    )
}

/// Containers that hold the article itself, so a theme class like
/// `has-share-bar` on them must not hide the whole page.
pub(super) fn never_boilerplate(name: &str) -> bool {
    matches!(name, "html" | "body" | "article" | "main")
}

/// Elements that start and end a paragraph of their own.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "tr"
            | "section"
            | "article"
            | "blockquote"
            | "pre"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "figure"
            | "figcaption"
            | "main"
            | "address"
            | "details"
            | "summary"
            | "caption"
            | "hr"
            | "header"
            | "footer"
            | "nav"
            | "aside"
    )
}

pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is not markup: it runs to the matching end tag.
pub(super) fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "iframe" | "textarea" | "title" | "xmp"
    )
}

/// Elements a browser keeps in `<head>`; any other start tag ends it.
pub(super) fn in_head(name: &str) -> bool {
    matches!(
        name,
        "title" | "meta" | "link" | "base" | "script" | "style" | "noscript" | "template"
    )
}

pub(super) fn is_boilerplate(value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    BOILERPLATE.iter().any(|word| value.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_block("li") && is_block("figcaption") && !is_block("span"));
        assert!(is_void("br") && !is_void("p"));
        assert!(is_raw("script") && is_hidden("nav") && !is_hidden("p"));
        assert!(is_boilerplate("Main-Navigation") && is_boilerplate("cookie_consent"));
        assert!(!is_boilerplate("article-body"));
    }
}
