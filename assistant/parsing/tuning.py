"""The parser's tuned layout thresholds, in one place: how a PDF's rows, furniture, notes and headings are told apart.

Units: an em is the font size of the text in question, "body" the document's most common font size, pt a PDF
point; shares of a page are of its width or height. Each comment says what raising the number buys and costs,
then how it was set. All were set by hand on the corpus PDFs, in the commit named; the golden
paragraphs (tests/golden/) and the evidence test (tests/test_ingest_evidence.py, every gold quote in one
paragraph) hold what they produce. A change here changes the parser version, so every file is parsed again.
"""

from __future__ import annotations

# --- rows from text fragments (pdf._page_rows, pdf._row) ------------------------------------------------------
# Characters per page below which a PDF is a scan without a text layer: higher refuses sparse real PDFs (slides, forms). By hand (aaecb39).
MIN_CHARS_PER_PAGE = 40
# Baseline difference, in ems, that starts a new row: higher merges neighbouring lines, lower splits raised markers off. By hand (aaecb39).
SAME_ROW_EMS = 0.5
# A fragment this far (pt) from where the last ended, in another size, starts another column: lower splits wide table rows. By hand (fc11183).
COLUMN_JUMP_PT = 100
# For that test, a fragment at most this share of the last one's size is another size ...: higher starts columns at smaller steps. By hand (fc11183).
SAME_SIZE_LOW = 0.8
# ... and one at least this share of it. By hand (fc11183).
SAME_SIZE_HIGH = 1.25
# Assumed glyph width, in ems, where a font gives none: higher ends words further right, so fewer gaps read as spaces. By hand (aaecb39).
GLYPH_EMS = 0.5
# A gap wider than this many ems is a word break; character spacing (Tc) opens gaps up to half an em inside words
# ("aangrijpi ngspunten", "grondstoffen ,") in justified letters: lower splits those words, higher glues words. By hand (429ff59).
WORD_GAP = 0.6
# The same after a raised footnote marker, where pypdf passes no space ("2020³ ligt"). By hand (429ff59).
MARK_GAP = 0.2
# A raised marker is smaller than this share of its row's size ...: higher takes small digits set on the line for markers. By hand (fc11183).
MARKER_SIZE = 0.85
# ... and raised more than this many ems above the baseline. By hand (fc11183).
MARKER_RAISE = 0.15
# Character spacing (Tc, Tw) wider than this many ems after a glyph sets the glyphs after it apart as another piece
# (a chart's axis ticks "0 ... 10" drawn as one string, 13 ems apart): lower cuts words of letter-spaced text (justified
# letters open up to half an em), higher reads far-apart ticks as one number. By hand (p13 of corpus 18).
SPACED_GLYPH_EMS = 1.0
# A gap wider than this many ems splits a row into table cells: lower splits justified text, higher merges narrow columns. By hand (fc11183).
CELL_GAP_EMS = 1.2

# --- tables (tables.py) --------------------------------------------------------------------------------------------
# Lines of a label with one figure beside it (either side) that make a chart's value labels a table: lower reads a
# chart's two-line legend with figures as a table, higher misses a short bar chart. By hand (Figuur 3, p13 of corpus 18).
PAIR_ROWS = 3
# A figure with a label right of it reads as that label's figure when the gap is under this many ems: higher pairs an
# axis tick with a legend entry across the chart, lower misses a value label set a little off its bar. By hand
# (Figuur 3 of corpus 18: "-16,1" 3 ems from "Overig"; p18's ticks stand 16 ems and more from its legend).
PAIR_GAP_EMS = 6
# Row labels whose right edges agree within this many ems (and whose left edges do not) are set flush right, so where
# a label starts says nothing of sub-rows: higher takes indented sub-rows that happen to end near their group's label
# for a right-aligned column, lower misses right-aligned labels whose ends the PDF places a little apart. By hand
# (Figuur 3.2, p43 of corpus 18: its five labels end at 225.8 pt, and start up to 5.2 ems apart).
LABEL_EDGE_EMS = 0.3
# ... counted from this many labelled rows: lower lets two labels that end at one edge by chance (a total and its one
# indented part) lose their sub-row, higher misses a short right-aligned table. By hand (Figuur 3.2 has five).
LABEL_EDGE_ROWS = 3
# A table of words (text_tables.py) has at least this many rows under its header: lower reads a caption over one
# aligned line as a table, higher misses short tables. By hand (Tabel 4.4, p74 of corpus 18).
TEXT_TABLE_ROWS = 2
# Words a column name of a table of words has at most: higher takes a line of prose under a caption for a header. By hand (Tabel 4.4).
TEXT_HEADER_WORDS = 4
# A cell starts this many ems from its column's start at most: higher takes ragged prose for a column, lower misses
# cells set with a little padding. By hand (Tabel 4.4: its cells start exactly at their header's start).
TEXT_ALIGN_EMS = 0.5
# Lines of a table of words follow each other within this many ems: higher runs a table into the prose after a
# gap, lower ends it at a loosely set row (Tabel 4.4 steps 1.8 ems). By hand (Tabel 4.4).
TEXT_ROW_STEP_EMS = 2.4

# --- calibrating the document (pdf._calibrate, ingest.plain_text_lines) ---------------------------------------
# Font sizes this close (pt) are one size (body lines, margin lines, a column's lines): higher lumps captions in with body text. By hand (aaecb39).
SAME_SIZE_PT = 0.3
# Full line length, in characters, assumed when no line is in the body size. By hand (aaecb39).
FALLBACK_LINE_CHARS = 80
# A full line is this percentile of line lengths (a short line may be a heading): higher makes more body lines short. By hand (aaecb39, c5a9789).
FULL_LINE_PERCENTILE = 0.9
# Text repeated at one height on this share of the pages is furniture ...: lower drops repeated body text such as table heads. By hand (aaecb39).
FURNITURE_PAGE_SHARE = 0.5
# ... and on at least this many pages. By hand (aaecb39).
FURNITURE_MIN_PAGES = 2
# Heights (pt) rounded to steps this large when comparing furniture across pages: higher matches lines that only sit near. By hand (aaecb39).
FURNITURE_HEIGHT_PT = 6

# --- sidebar, margins, footnotes and letter head (pdf._layout and helpers) ------------------------------------
# Rows right of this share of the page width ...: lower takes a wide body's line ends for the sidebar. By hand (aaecb39).
SIDEBAR_X = 0.62
# ... in a font smaller than this share of the body are the letter sidebar. By hand (aaecb39).
SIDEBAR_SIZE = 0.9
# A number-led row up to this far above the last note's number starts a note: higher takes numbered lines inside a note for notes. By hand (fc11183).
NOTE_NUMBER_STEP = 30
# Rows this close (pt) in x stand in one column (a note's lines, a margin line's column): higher joins neighbouring columns. By hand (fc11183).
SAME_COLUMN_PT = 5
# Footnote text is smaller than this share of the body: higher takes body text near the page foot for notes. By hand (fc11183).
NOTE_SIZE = 0.95
# Rows above this share of the page height are in the top margin: lower drops a page's first body lines. By hand (aaecb39).
MARGIN_TOP = 0.94
# Rows below this share are in the bottom margin: higher drops a page's last body lines. By hand (aaecb39).
MARGIN_BOTTOM = 0.1
# Margin text larger than this share of the body is a title, not furniture. By hand (aaecb39).
MARGIN_TITLE_SIZE = 1.2
# A body-size margin row with its column's previous line within this many ems above continues the text: lower drops last lines. By hand (fc11183).
MARGIN_CONTINUES_EMS = 2.2
# The sidebar's sender ends at a gap wider than this many ems: higher joins the next sidebar block to the sender. By hand (7601c2a).
SENDER_GAP_EMS = 2
# Rows after the letter head's last label searched for the salutation: higher strips more of a letter without one. By hand (aaecb39).
SALUTATION_ROWS = 3
# Letter-head labels stand together: a label more than this many rows after the previous one is in the body (an
# e-mail printout quoting an earlier mail's 'Onderwerp:'): higher strips quoted mails as letter head. By hand on
# tests/fixtures/scans (the letter heads of the corpus have at most three rows between labels).
LABEL_RUN_ROWS = 6
# A row indented this far (pt) past the last label continues its value (a wrapped 'Betreft'). By hand (aaecb39).
WRAPPED_VALUE_INDENT_PT = 20
# Lines of a .txt file searched for letter labels ('Datum', 'Betreft'): higher reads labels out of the body. By hand (c5a9789).
LETTER_HEAD_LINES = 60

# --- headings and paragraphs (pdf._heading_styles, pdf._page_lines, blocks.py) --------------------------------
# A font this share of the body or larger is a heading style: lower ranks body text in a slightly larger font as headings. By hand (aaecb39).
HEADING_SIZE = 1.1
# A bold font (in a document with a regular body) of at least this share of the body is one too. By hand (aaecb39).
BOLD_HEADING_SIZE = 0.75
# A vertical step over this many line spacings starts a paragraph: lower splits paragraphs at loose lines, higher merges them. By hand (aaecb39).
PARAGRAPH_GAP = 1.6
# Line steps up to this many body sizes measure the line spacing (larger ones are gaps). By hand (aaecb39).
MAX_LINE_STEP = 3
# The line spacing, in body sizes, assumed on a page without two close lines. By hand (aaecb39).
DEFAULT_LINE_SPACING = 1.4
# A heading has at most this many characters ...: higher takes short paragraphs for headings. By hand (c5a9789).
HEADING_MAX_CHARS = 90
# ... and at most this many words. By hand (c5a9789).
HEADING_MAX_WORDS = 14
# A heading has body text within this many lines after it: lower refuses headings followed by notes or furniture. By hand (c5a9789).
HEADING_BODY_WITHIN = 6
# An unstyled, unnumbered line this share of a full line or longer is body text: higher takes short body lines for headings. By hand (c5a9789).
BODY_LINE_WIDTH = 0.84
# Words of a plain line right under a heading that may still be a heading (a subheading). By hand (c5a9789).
STACKED_HEADING_WORDS = 8
# Lines a styled heading may run to when lines in its style follow it: higher joins a styled paragraph below to it. By hand (431cb1e).
HEADING_WRAP_LINES = 5
# The same limit where a heading-shaped line would continue the heading above (kept from before 431cb1e). By hand.
HEADING_SHAPED_WRAP_LINES = 4
# Lines a heading may have and still go on to a dangling next line ('... stof en' / 'andere stoffen'). By hand (2c4e773).
UNFINISHED_HEADING_LINES = 3
# Words of that next line at most: higher takes a paragraph's first line into the heading. By hand (2c4e773).
HEADING_TAIL_WORDS = 6
# A paragraph whose last line is shorter than this (a caption) has ended before a gap: higher ends paragraphs at short lines. By hand (c5a9789).
CAPTION_CHARS = 40

# --- scanned pages read by OCR (parsing/ocr.py) -----------------------------------------------------------------
# Resolution pages are rendered at for Tesseract: higher reads small print better and costs time per page (about
# quadratic); scanners write 300 ppi, and Tesseract's models are trained near it. By hand on tests/fixtures/scans.
OCR_DPI = 300
# A word box's height (median over a line) times this is the font size estimate: a word box runs from the ascenders to
# the baseline, about 0.7 em. Only ratios between sizes matter to the layout rules. By hand on tests/fixtures/scans.
OCR_SIZE_PER_HEIGHT = 1.4
# Line sizes within this share of the median are the body size: higher takes a larger heading for body text, lower
# scatters body lines over sizes (lines of short words such as "een en" measure small). By hand on tests/fixtures/scans.
OCR_SAME_SIZE = 0.25
# Pages of one scan read at the same time (each a pdftoppm and a single-threaded Tesseract process): higher uses more
# cores and memory (a 300 dpi A4 page is ~9 MB as an image), 1 reads one page after another. 2 for two-core machines:
# the 14 test pages took 30.1 s against 35.0 s one at a time, with other jobs loading both cores (benchmarks/ocr.py).
OCR_PAGES_AT_ONCE = 2

# --- pages set as a form (forms.form_columns) -------------------------------------------------------------
# A form's text column starts at least this far (pt) right of the margin: lower takes a list item's text for a form's. By hand (fiches 19_).
FORM_MIN_INDENT_PT = 40.0
# A page is a form from this many labels with text beside them ...: lower reads a stray short word before a wide
# gap as a form, higher misses a fiche's page with two labels. By hand (fiches 19_).
FORM_MIN_LABELS = 2
# ... and this many rows in the text column. By hand (fiches 19_).
FORM_MIN_TEXT_ROWS = 3
# A label and a text start this close (pt) to their columns: higher takes ragged lines for a form's. By hand (fiches 19_).
FORM_ALIGN_PT = 3.0
# A form's text may start this far (pt) right of its column (a sub-list "A. ..."): higher takes an indented table
# column for the form's text. By hand (fiches 19_).
FORM_TEXT_SLACK_PT = 24.0
# A label has at most this many words: higher takes a short sentence at the margin for a label. By hand (fiches 19_).
FORM_LABEL_WORDS = 4
