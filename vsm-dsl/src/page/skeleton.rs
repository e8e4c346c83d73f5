//! The page around the map: head, toolbar, the layers, panels, charts and tables, and the
//! inlined stylesheet and script.

use std::fmt::Write as _;

use super::map::Layer;
use crate::render::svg::escape;

/// The stylesheet, inlined (screen and print).
const CSS: &str = include_str!("page.css");
/// The script, inlined: pan and zoom, tooltips, layers, the self-test.
const JS: &str = include_str!("page.js");

/// A page being put together.
pub(super) struct Page {
    title: String,
    layers: Vec<Layer>,
    panels: Vec<String>,
    charts: Vec<String>,
}

impl Page {
    pub fn new(title: String) -> Self {
        Self {
            title,
            layers: Vec::new(),
            panels: Vec::new(),
            charts: Vec::new(),
        }
    }

    /// Adds a layer; the first one shows first.
    pub fn layer(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// Adds a panel of figures.
    pub fn panel(&mut self, html: String) {
        self.panels.push(html);
    }

    /// Adds a chart (nothing for an empty one).
    pub fn chart(&mut self, html: String) {
        if !html.is_empty() {
            self.charts.push(html);
        }
    }

    /// The page's text.
    pub fn finish(self) -> String {
        let title = escape(&self.title);
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"vsm\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
             <a class=\"skip\" href=\"#steps\">Skip to the table of steps</a>\n\
             <header><h1>{title}</h1></header>\n<main>\n"
        );
        self.toolbar(&mut out);
        out.push_str(
            "<div class=\"viewport\" id=\"viewport\" tabindex=\"0\" role=\"region\" \
             aria-label=\"Value stream map\" aria-describedby=\"map-help\">\n<div class=\"canvas\" id=\"canvas\">\n",
        );
        for layer in &self.layers {
            let _ = write!(
                out,
                "<section class=\"layer\" data-layer=\"{}\" data-json=\"{}\" aria-label=\"{} map\">\n<h2 class=\"layer-title\">{} map</h2>\n{}</section>\n",
                layer.id, layer.source, layer.label, layer.label, layer.svg
            );
        }
        out.push_str(
            "</div>\n</div>\n<div class=\"tip\" id=\"tip\" role=\"tooltip\" hidden></div>\n",
        );
        out.push_str("<div class=\"panels\">\n");
        for panel in &self.panels {
            out.push_str(panel);
            out.push('\n');
        }
        out.push_str("</div>\n");
        if !self.charts.is_empty() {
            out.push_str("<div class=\"charts\">\n");
            for chart in &self.charts {
                out.push_str(chart);
                out.push('\n');
            }
            out.push_str("</div>\n");
        }
        out.push_str("<section id=\"steps\" class=\"tables\" aria-label=\"Steps\" tabindex=\"-1\">\n<h2>Steps</h2>\n");
        for layer in &self.layers {
            out.push_str(&layer.table);
            out.push('\n');
        }
        let _ = write!(
            out,
            "</section>\n</main>\n<footer>Drawn by vsm. One self-contained file: it works offline and prints in landscape.</footer>\n\
             <pre id=\"vsm-selftest\" hidden></pre>\n<script>\n{JS}</script>\n</body>\n</html>\n"
        );
        out
    }

    /// The controls: layer switches (when there are several), zoom, and the keys.
    fn toolbar(&self, out: &mut String) {
        out.push_str("<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Map controls\">\n");
        if self.layers.len() > 1 {
            out.push_str("<span class=\"layers\" role=\"group\" aria-label=\"Layer\">Layer:");
            for (i, layer) in self.layers.iter().enumerate() {
                let _ = write!(
                    out,
                    " <button type=\"button\" data-show=\"{}\" aria-pressed=\"{}\">{}</button>",
                    layer.id,
                    i == 0,
                    layer.label
                );
            }
            out.push_str("</span>\n");
        }
        out.push_str(
            "<span class=\"zoom\" role=\"group\" aria-label=\"Zoom\">\
             <button type=\"button\" data-zoom=\"in\" aria-label=\"Zoom in\">+</button> \
             <button type=\"button\" data-zoom=\"out\" aria-label=\"Zoom out\">&#8722;</button> \
             <button type=\"button\" data-zoom=\"fit\">Fit</button></span>\n\
             <span class=\"hint\" id=\"map-help\">On the map: arrow keys pan, + and &#8722; zoom, 0 fits; \
             Tab moves from step to step and shows its details; drag or pinch to pan and zoom.</span>\n</div>\n",
        );
    }
}
