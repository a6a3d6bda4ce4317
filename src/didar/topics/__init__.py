"""Topics of documents and quotes: cue lexicons in Persian, Arabic and English (data/), matched
on the folded key, scored by where each cue stands (lexicon.py loads, tagger.py scores)."""
