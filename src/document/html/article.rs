//! The article among a site's menus, breadcrumbs, sidebars and footers.
//!
//! First the content containers that the sites' publishing systems write
//! (TRS's `.TRS_Editor`, the `#UCAP-CONTENT` cell of gov.cn's pages,
//! `#zoom`, `.pages_content`, `.article_content`, the `<article>` element)
//! when one holds a fair share of the page's text; else the block that
//! holds most of the text: from the body, down into the child that holds
//! most of its parent's text outside links (menus are mostly links), and
//! no further than a container (a plan's table and the paragraphs around
//! it stay together). When no block stands out the whole body is read, and
//! the outline knows a site's furniture.

use super::dom::Dom;

/// Classes of the content containers sites write (compared ignoring case).
const CLASSES: &[&str] = &[
    "trs_editor",
    "trs_ueditor",
    "custom_unionstyle",
    "pages_content",
    "article_content",
    "article-content",
    "articlecontent",
    "view_content",
    "zwnr",
];
/// Ids of the content containers sites write (compared ignoring case).
const IDS: &[&str] = &["ucap-content", "zoom", "articlecontent", "js_content", "content_text"];
/// The least share of the page's text (outside links) a container must
/// hold to be taken as the article: one part in `SHARE`.
const SHARE: usize = 4;
/// A child holding this many tenths of its parent's text is gone into.
const DOMINANT: usize = 8;
/// Elements the search goes into: containers, not paragraphs or tables
/// of the plan.
const CONTAINERS: &[&str] =
    &["div", "section", "article", "main", "center", "form", "font", "span", "tbody", "tr", "td", "th", "body"];

/// The node whose content is the page's article.
pub(super) fn find(dom: &Dom) -> usize {
    let body = (0..dom.nodes.len()).find(|&i| dom.name(i) == "body").unwrap_or(0);
    let total = dom.size.get(body).copied().unwrap_or(0);
    let mut best: Option<usize> = None;
    for id in body..dom.nodes.len() {
        let Some(e) = dom.elem(id) else { continue };
        let named = e.name == "article"
            || e.class.split_ascii_whitespace().any(|c| CLASSES.iter().any(|k| c.eq_ignore_ascii_case(k)))
            || IDS.iter().any(|k| e.id.eq_ignore_ascii_case(k));
        if named && !e.skip && best.is_none_or(|b| dom.size[id] > dom.size[b]) {
            best = Some(id);
        }
    }
    if let Some(b) = best.filter(|&b| dom.size[b] > 0 && dom.size[b] * SHARE >= total) {
        return b;
    }
    dominant(dom, body)
}

/// From `id` down through the children that hold most of their parent's
/// text, as far as containers go.
fn dominant(dom: &Dom, mut id: usize) -> usize {
    loop {
        let size = dom.size[id];
        let Some(child) = dom.children(id).max_by_key(|&c| (dom.size[c], usize::MAX - c)) else {
            return id;
        };
        let into = match dom.name(child) {
            "table" => dom.layout[child],
            name => CONTAINERS.contains(&name),
        };
        if !into || size == 0 || dom.size[child] * 10 < size * DOMINANT {
            return id;
        }
        id = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(page: &str) -> String {
        let dom = Dom::of(&scraper::Html::parse_document(page));
        let id = find(&dom);
        format!("{}#{}", dom.name(id), dom.elem(id).map_or("", |e| &*e.id))
    }

    #[test]
    fn a_named_container_is_the_article() {
        let page = "<body><div id=nav><a>首页</a><a>政务公开</a></div><div class=TRS_Editor id=a>\
            <p>一、总体要求</p><p>做好政务公开工作。</p></div><div id=foot>版权所有：某某市人民政府办公室</div></body>";
        assert_eq!(found(page), "div#a");
    }

    #[test]
    fn else_the_block_holding_most_of_the_text() {
        let page = "<body><div id=nav><a>首页</a><a>政务公开</a><a>新闻中心</a></div>\
            <div id=main><div id=side>相关</div><div id=text><p>一、总体要求</p><p>做好政务公开工作，推进决策公开。</p>\
            <table><tr><td>1</td><td>做好公开</td><td>市财政局</td></tr></table></div></div><div>地址：某某路</div></body>";
        assert_eq!(found(page), "div#text");
    }

    #[test]
    fn a_layout_table_is_gone_into_and_a_page_without_a_clear_article_is_read_whole() {
        let page = "<body><table><tr><td id=c><p>一、总体要求</p><p>做好政务公开工作。</p>\
            <table><tr><td>1</td><td>做好公开</td></tr></table></td></tr></table></body>";
        assert_eq!(found(page), "td#c");
        assert_eq!(found("<body><p>甲乙丙</p><p>丁戊己</p></body>"), "body#");
        assert_eq!(found(""), "body#");
    }
}
