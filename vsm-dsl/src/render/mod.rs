//! Pictures of a value stream: Mermaid, Graphviz DOT and SVG.
