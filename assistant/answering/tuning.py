"""The answerer's tuned numbers, in one place, in the order an answer is made.

Each comment says what raising the number buys and what it costs, then how the value was set.
"By hand" means no sweep and no before/after figure is recorded for it; the commit named is where
the number came in, and a test added with that commit pins the case it was set for.
Shares are of the question's idf-weighted words (`Query.share`); scores are `Sentence.score`.
"""

from __future__ import annotations

# --- reading the question (question.py) -----------------------------------------------------------------------
# "Klopt het dat" needs more characters than this after it to be a claim: higher reads short claims as questions. By hand (fde86c3).
MIN_CLAIM_CHARS = 3
# A back-referring question of at most this many words is read with the previous one: higher joins more standalone ones. By hand (fde86c3).
FOLLOW_UP_MAX_WORDS = 9
# Earlier answers whose cited figures a follow-up's "opgeteld" adds: two answers are the two things asked in turn;
# more would add figures the user never meant. By hand.
FOLLOW_UP_ANSWERS = 2
# Words a piece of a question needs to be an ask of its own: higher answers fewer second asks, lower splits off fragments. By hand (d4884c8).
MIN_PART_WORDS = 2

# --- questions about the document itself (document_facts.py) -------------------------------------------------
# Top hits that vote for the document a "wie ondertekende de brief ..." question is about: more lets one strong
# paragraph of another document count for less, fewer follows the single best hit. By hand.
DOCUMENT_VOTE = 5
# Share of those hits the chosen document must hold for "Hoog": higher gives "Middel" more often when the subject
# is spread over documents. By hand.
DOCUMENT_AGREEMENT = 0.6
# Share of the question's subject words the chosen document must hold (title, subject, its retrieved paragraphs):
# higher sends more questions to the ordinary answerer, lower names the signer of a letter the corpus lacks. By hand.
DOCUMENT_SUBJECT = 0.5
# Confidence of an answer from the document's identity when the hits agree on the document ("Hoog") or not ("Middel").
DOCUMENT_FACT_SURE = 0.9
DOCUMENT_FACT_UNSURE = 0.7
# Paragraphs from the start read for the one that states a date, kenmerk or number (the Kamerstuk header).
DOCUMENT_HEADER_READ = 8

# --- weighing the question's words (evidence.make_query, Query.share) -----------------------------------------
# Weight of a word the corpus lacks (phrasing, typo): higher dilutes all shares, refusing sooner; lower hides an unmatched subject. By hand (23cc3c8).
UNKNOWN_WEIGHT = 1.0
# Part of its idf a compound n-gram counts: higher finds compounds by their parts, at the cost of chance fragment matches. By hand (fde86c3).
NGRAM_WEIGHT = 0.3
# Weight of the whole question's words when one part is scored: higher keeps parts on the subject, re-finding the first answer. By hand (19e3217).
QUESTION_CONTEXT_WEIGHT = 0.25
# Part of a compound's weight earned by its head alone ("wensouders" / "ouders"): higher matches looser heads. By hand (9e31e46).
HEAD_CREDIT = 0.5
# Shortest compound head credited: lower credits heads that are not one ("land" in "nederland"). By hand (9e31e46).
MIN_HEAD = 5
# Letters that must stand before the head for a word to be a compound: lower credits plain suffixes. By hand (9e31e46).
MIN_MODIFIER = 3

# --- scoring sentences (evidence.score_sentences) -------------------------------------------------------------
# Shorter sentences are fragments and skipped: higher drops terse statements too. By hand (fde86c3).
MIN_FRAGMENT_CHARS = 3
# A body sentence with fewer words is a fragment ("to 2."): higher drops short statements, lower quotes fragments. By hand (f111ced).
MIN_FRAGMENT_WORDS = 2
# Least coverage of an anaphoric sentence ("Dit programma ..."), as a part of its paragraph's: higher quotes vaguer follow-ups. By hand (19e3217).
ANAPHOR_CONTEXT = 0.85
# Bonus for stating a fact the question asks outright ("hoeveel"): higher prefers any typed sentence to a better-matching one. By hand (23cc3c8).
STRICT_KIND_BONUS = 0.2
# Bonus for stating a kind the question only mentions (money, time): higher lets a passing figure outrank the subject. By hand (23cc3c8).
MENTIONED_KIND_BONUS = 0.08
# Bonus for naming a year the question asks about: higher prefers the year to the subject. By hand (3c61fc2).
YEAR_BONUS = 0.1
# The kind and year bonuses together at most: higher lets a fact's kind outweigh what the sentence is about. By hand (fde86c3).
BONUS_CAP = 0.3
# The sentence score with sentence vectors (the product); the four weights sum to 1.
# The sentence's own match: higher quotes sentences repeating the question's words. By hand (3c61fc2 swapped it with context: 0.3/0.15).
SCORE_COVERAGE = 0.15
# Its paragraph's and heading's match: higher favours sentences in the right paragraph that say less themselves. By hand (3c61fc2).
SCORE_CONTEXT = 0.3
# Its paragraph's retrieval score, relative to the best hit's: higher trusts the retriever's order over the sentence. By hand (d4884c8).
SCORE_RETRIEVAL = 0.2
# Its dense similarity to the question, min-max scaled: higher catches paraphrases, and on-topic sentences without the fact. By hand (d4884c8).
SCORE_DENSE = 0.35
# The sentence score without sentence vectors (the terms of a sum or difference); the three weights sum to 1.
# The sentence's own match with the term: higher needs the term's words in the sentence itself. By hand (fde86c3).
WORDS_ONLY_COVERAGE = 0.45
# Its paragraph's match: higher accepts a figure from anywhere in a paragraph about the term. By hand (fde86c3).
WORDS_ONLY_CONTEXT = 0.25
# Its paragraph's retrieval score, relative to the best hit's: higher trusts the retriever's order. By hand (fde86c3).
WORDS_ONLY_RETRIEVAL = 0.3
# Score factor for a question in the source (Kamervragen): lower hides questions even when they are the nearest text. By hand (1fa3c43).
QUESTION_PENALTY = 0.6

# --- choosing the answer's sentences (selection.py) -----------------------------------------------------------
# Sentences chosen before antecedents and announced lists: higher recalls more evidence at the cost of citation precision. By hand (fde86c3).
MAX_ANSWER_SENTENCES = 3
# A runner-up scoring this share of the best sentence is quoted too: lower finds the answer more often, at the cost of
# citation precision. Full eval: 0.9 against none, tuned sets 11 won and 5 lost, holdout correctness +0.026; 0.85 against
# 0.9, tuned 7 won and none lost, holdout +0.013 and its citation precision -0.024.
TIED_SCORE = 0.85
# Best sentences looked at for the answer (the best and the ones after it): higher adds weaker sentences that fill a missing kind. By hand (fde86c3).
SELECT_FROM = 12
# Paragraph match, relative to the best sentence's, of one adding a kind it lacks: lower quotes facts from other subjects. By hand (fde86c3).
ADDS_KIND_CONTEXT = 0.5
# Score, relative to the best, of a further sentence quoted with it: lower gives longer answers, higher single sentences. By hand (fde86c3).
CLOSE_SCORE = 0.85
# The same for open and 'what next' questions, which a passage answers: lower quotes more of the passage. By hand (196ac4b).
OPEN_CLOSE_SCORE = 0.7
# List items quoted after a sentence announcing them: higher quotes long lists whole, at the cost of long answers. By hand (621412c).
MAX_LIST_ITEMS = 8
# Sentences quoted after one naming the asked count ("twee indicatoren"): higher reaches later names, quoting more that are none. By hand (80c4b55).
MAX_NAMING = 4
# Letters cut off an asked count's noun to match its inflections ("indicatoren" / "indicator"): higher matches other words. By hand (80c4b55).
COUNTED_NOUN_TRIM = 3
# ... keeping at least this many: lower lets a short noun match nearly anything. By hand (80c4b55).
COUNTED_NOUN_STEM = 4

# --- a sentence for each part of a question (parts.py) --------------------------------------------------------
# Bonus for a later part's answer next to the first part's: higher keeps answers together, missing ones elsewhere. By hand (19e3217).
PART_NEARBY = 0.15
# Part of a part's own words its answer must hold: higher drops answers that paraphrase the part. By hand (8f9069a).
PART_OWN_SHARE = 0.2
# ... or a few of them, with its paragraph holding this part: lower accepts paragraphs barely about the part. By hand (0661565).
PART_SUBJECT = 0.5
# The best sentence holding this part of a part's words (and its kind) answers it already: lower adds fewer part answers. By hand (3c61fc2).
PART_ANSWERED = 0.6
# A part is on the best paragraph's subject if it holds the part's words this nearly as well as any hit: lower keeps more parts near. By hand (3c61fc2).
SUBJECT_HERE = 0.8
# ... or holds this part of them: lower reads more parts as on the subject. By hand (3c61fc2).
SUBJECT_ENOUGH = 1 / 3
# Least score of a part's answer, relative to the best sentence's: higher drops weak part answers, some right ones with them. By hand (19e3217).
PART_MIN_SCORE = 0.55

# --- a part of a question answered on its own (multipart.py) ---------------------------------------------------
# A part names its own subject with this many words of at least this idf, and is then searched alone; otherwise it is
# searched with the whole question ("en wat moet het opleveren"). More words or a higher idf search more parts with
# the question, finding the first part's passages again; fewer search elliptic parts alone, finding nothing. By hand,
# on invented parts: content words of a part naming a subject have idf 4.4-7.6, "opleveren" alone 6.0.
PART_SUBJECT_IDF = 4.0
PART_SUBJECT_WORDS = 2

# --- composing (answer.py) ------------------------------------------------------------------------------------
# Best sentences read for one correcting a premise's date: higher finds corrections further down, and wrong ones. By hand (8796a1e).
PREMISE_READ = 10
# Paragraph match of the correcting sentence, relative to the best: lower corrects from paragraphs on other subjects. By hand (2466661).
PREMISE_SUBJECT = 0.8
# Best sentences read for figures to add ("hoeveel ... bij elkaar"): higher sums figures further off the subject. By hand (cf27caa).
SUM_READ = 5
# Sentences stating the asked kind read for an amount per year and a span of years ("€ 5 miljoen per jaar van 2023 tot
# en met 2026"): higher multiplies amounts found further from the best answer, on other subjects. By hand.
SPAN_READ = 2
# Best sentences read for a share the source states itself before one is computed ("rond de 90%"): higher quotes a
# percentage of something else instead of computing the asked share, lower computes shares the source states. By hand.
SHARE_READ = 3
# Best sentences read for a share to apply to the question's amount ("2,2% van het budget" for "bij € 30 mln"): the share
# must name the asked thing and a whole the amount is part of, so reading deeper costs little. By hand.
SHARE_OF_AMOUNT_READ = 10
# Most figures one sentence may add up: higher sums tables and lists that are no sum. By hand (cf27caa).
MAX_TERMS = 4
# Best sentences read for the amount in each year of 'tussen 2021 en 2025': higher finds more, less on the subject. By hand (0175499).
YEAR_AMOUNT_READ = 10
# Paragraph match of such a sentence, relative to the best: lower takes another subject's amount for the year. By hand (0175499).
YEAR_AMOUNT_SUBJECT = 0.75
# Characters before a figure read for the term it belongs to: higher reaches the words of a neighbouring figure. By hand (5a240a0).
FIGURE_WINDOW_BEFORE = 90
# Characters after it, with the same trade. By hand (5a240a0).
FIGURE_WINDOW_AFTER = 40

# --- checking claims (claims.py) ------------------------------------------------------------------------------
# Best sentences stating a figure of a claimed kind whose clauses are read for a claim: higher finds figures further off the subject. By hand (fde86c3).
CLAIM_READ = 15
# Below this match (clause or paragraph) the claim is "niet bij dit onderwerp": higher refuses more figure checks. By hand (fde86c3).
CLAIM_MIN_MATCH = 0.3
# Weight, relative to the best clause's, of other clauses that may confirm or contradict: lower lets weaker clauses decide. By hand (1fa3c43).
CLAIM_CLOSE = 0.8
# A clause weighs score * (this + its match): lower lets the clause's wording decide over its sentence's score. By hand (1fa3c43).
CLAIM_MATCH_BASE = 0.5
# Added to the match of a clause counting the same thing as the claim ("acht landen"): higher prefers it to closer wording. By hand (6ba42e5).
SAME_THING = 0.3
# Bonus to a clause stating the kinds of figure a claim of several figures states ("5% ... 12 miljoen"), and stating them
# as claimed, in proportion: higher prefers such a clause over one matching more words. By hand.
CLAIM_ALL_KINDS = 0.3
# A figure OCR read with a word confidence below this is shown, not judged (no Ja/Nee on it): higher withholds more
# verdicts on scans, lower asserts more misreadings. Set on the digit-holding words of tests/fixtures/scans: the 9
# below 0.6 include the misreadings and the noise ("20" for "2019", "2." for "1", "5,"); 0.6-0.75 are mostly right
# (dates in old-style figures), and a confident misreading ("2028" at 0.93) no threshold catches.
OCR_FIGURE_MIN_CONFIDENCE = 0.6
# How far above a figure "ruim X" reaches, and below it "bijna X" (as a factor): higher confirms rougher claims
# ("ruim 10 miljoen" for 11,5 miljoen at 1.15). By hand: "ruim" is a little more, and a false claim is a figure moved a little.
CLAIM_ROUGHLY_OVER = 1.15
# Part of a figure-less claim's words one sentence must hold to confirm it: lower confirms looser paraphrases. By hand (fde86c3).
STATEMENT_COVERAGE = 0.75

# --- the assistant (qa.py) ------------------------------------------------------------------------------------
# Refuse when the best paragraph holds less of the question: higher refuses more questions, answerable ones too. By hand (0.34 -> 0.25 in 23cc3c8).
MIN_CONTEXT = 0.25
# A 'hoeveel'/'wanneer' fact counts from a paragraph matching this part of the best: lower answers with other subjects' figures. By hand (23cc3c8).
SAME_SUBJECT = 0.6
# ... in a sentence holding this part of the question itself: higher refuses figures stated in other words. By hand (cd9354f).
MIN_COVERAGE = 0.15
# Best sentences searched for the asked kind of fact before refusing: higher refuses less, answering from weaker evidence. By hand (fde86c3).
FACT_READ = 15
# Best sentences searched for a before/after pair ('met hoeveel stijgt'): higher finds changes further off the subject. By hand (1fa3c43).
CHANGE_READ = 5
# Top hits whose next paragraph (and headings above) are read with them: higher reads more context and adds distracting candidates. By hand (767fa33).
CONTINUED = 2
# Retrieval score of such a neighbour, relative to its hit's: higher lets it outrank other hits. By hand (767fa33).
CONTINUATION_WEIGHT = 0.8
# Headings right above a top hit read for a date or name: higher reaches section titles that state other things. By hand (74e74a3).
HEADINGS_READ = 3
# Paragraphs looked ahead for the list a final ':' announces: higher skips more headings and notes, reaching unrelated text. By hand (b106e56).
LIST_LOOKAHEAD = 3
# Paragraphs retrieved for each term of a sum or difference: higher finds the figure more often, and other terms' figures too. By hand (fde86c3).
TERM_HITS = 6
# Best sentences read for a term's figure, with the same trade. By hand (fde86c3).
TERM_READ = 10
# Part of the term a sentence holding its figure must match ...: lower takes the figure of another term. By hand (fde86c3).
TERM_COVERAGE = 0.3
# ... or its paragraph must, with the same trade. By hand (fde86c3).
TERM_CONTEXT = 0.25
# The confidence shown with an answer and in --json (no answer or refusal depends on it): a logistic model of the
# signals in confidence.answer_signals, fitted by `evals/fit_confidence.py` on the tuned sets' eval records (dev,
# gold_*, their variants and the conversations; never the holdout). A positive weight makes an answer with more of that
# signal likelier right. Refit after a change to composition; the holdout's calibration in `assistant eval` checks it.
CONFIDENCE_WEIGHTS = {
    "citations": 0.811, "cited_rank": 1.661, "context": -0.028, "coverage": 0.471, "dense": 0.144, "margin": 1.018,
    "parts": 0.477, "quoted": 1.952, "route_calculation": 0.395, "route_claim": -0.637, "route_lookup": -0.414,
    "route_table": 0.684, "same_document": -0.111, "sentence_margin": 0.837, "strict": 0.555, "verdict": 1.521,
}
CONFIDENCE_BIAS = -2.626
