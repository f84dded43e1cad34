"""Files to `Document`s: PDF text by position and font (pypdf), or a scan's words by OCR (Tesseract), page
furniture and letter sidebars removed, blocks, headings, footnotes and citable `Paragraph`s with stable ids.

Takes paths, returns `Document`. Only this package imports pypdf. May import `assistant.figures`,
`assistant.text` and the core records.
"""
