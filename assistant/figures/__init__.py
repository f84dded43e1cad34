"""Dutch figures: amounts, counts, percentages, dates and periods read from text, compared across
notations ("€ 1,2 mld." = "1.200 miljoen euro") and written back in Dutch (`notation`: how a figure is
written in an answer); the catalogue of every amount and dated commitment in a corpus.

Takes strings and `Document`s, returns `Amount`, `Quantity`, `Period` and catalogue entries.
May import `assistant.text` and the core records.
"""
