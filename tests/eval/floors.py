"""Pinned quality floors for tests/eval/test_quality_gate.py: the one place they live.

RAISE AS QUALITY RISES, NEVER LOWER SILENTLY. A floor is the score the pipeline reached when it
was pinned (never above it), or the issue's target once the pipeline reaches the target. Lowering
a floor needs a commit that says which change cost the points and why that is acceptable.

Metric names are those of `didar.eval.score.METRICS` (`didar eval --format json` prints them).
Higher is better for every metric except `noise`, whose value is a ceiling (count of boilerplate-
only actors that appear in an event or a quote).
"""

# Issue 2, "Quality, measured": the targets on the dev set and on the five seeds.
TARGETS = {
    "meeting_f1": 0.90,
    "meeting_date_accuracy": 0.90,
    "quote_speaker_accuracy": 0.85,  # of all gold quotes, not only of the quotes found
    "language_accuracy": 1.0,
    "noise": 0,
}

# Pinned on 2026-11-22 from `didar eval ../shared/eval/dev.json --corpus ../shared/corpus/dev`
# and `didar eval tests/eval/seeds_gold.json --corpus ../shared/corpus/seeds`. Measured then:
#   dev   meeting F1 0.972 (35 matched / 37 predicted / 35 gold), date 1.000 (35/35),
#         quote speaker 0.981 (53/54 gold quotes), language 1.000, noise 0,
#         quote coverage 1.000 (54/54), published 1.000, place 0.971 (34/35), speakers 0.967 (29/30)
#   seeds meeting F1 1.000 (5/5/5), date 1.000 (5/5), quote speaker 0.979 (47/48), language 1.000,
#         noise 0, quote coverage 1.000 (48/48), published 1.000, place 0.800 (4/5), speakers 1.000
# Every issue target was reached, so those floors are the targets; the other metrics are pinned
# at the measured value (rounded down).

# ../shared/eval/dev.json on ../shared/corpus/dev (27 articles)
DEV_FLOORS = {
    # issue 2 targets reached; raised to the scores of 2026-11-22 (didar eval, dev.json):
    # F1 0.972 (35 matched, 37 predicted, 35 gold), dates 35/35, speakers 53/54 quotes
    "meeting_f1": 0.97,
    "meeting_date_accuracy": 1.0,
    "quote_speaker_accuracy": 0.98,
    "language_accuracy": 1.0,
    "noise": 0,
    # also pinned at what the pipeline reached
    "meeting_recall": 1.0,
    "meeting_precision": 0.94,
    "quote_coverage": 1.0,
    "published_accuracy": 1.0,
    "meeting_place_accuracy": 1.0,
    "speaker_recall": 0.96,
}

# tests/eval/seeds_gold.json on ../shared/corpus/seeds (5 articles)
SEED_FLOORS = {
    # issue 2 targets reached; raised to the scores of 2026-11-22 (5/5 meetings, 47/48 quotes)
    "meeting_f1": 1.0,
    "meeting_date_accuracy": 1.0,
    "quote_speaker_accuracy": 0.97,
    "language_accuracy": 1.0,
    "noise": 0,
    # also pinned at what the pipeline reached
    "quote_coverage": 1.0,
    "published_accuracy": 1.0,
    "meeting_place_accuracy": 1.0,
    "speaker_recall": 1.0,
}

# Issue 5 ("Deeper coding"): targets on the dev set, reached on 2026-11-22 and pinned at the
# measured values (dev: topics 42/42 required, 59/59 predicted inside allowed, stances 3/3;
# seeds: topics 10/10 and 21/22, stances 21/24, threat 1/1, acts 4/14 found, 4/5 right).
ISSUE5_TARGETS = {"topics_recall": 0.85, "topics_precision": 0.85, "stance_recall": 0.8}
DEV_FLOORS.update({"topics_recall": 1.0, "topics_precision": 1.0, "stance_recall": 1.0})
SEED_FLOORS.update(
    {
        "topics_recall": 1.0,
        "topics_precision": 0.95,
        "stance_recall": 0.87,
        "threat_recall": 1.0,
        "act_recall": 0.28,
        "act_precision": 0.8,
        "act_status_accuracy": 1.0,
    }
)

# tests/eval/dev_acts.json (didar's own annotation of non-meeting events on the dev articles;
# its meetings are dev.json's): pinned at 2026-11-22's 6/23 found, 6/12 right, 6/6 status.
# Recall is low: criticism, condemnation, welcomes and many addressees are not coded yet.
DEV_ACTS_FLOORS = {
    "act_recall": 0.26,
    "act_precision": 0.5,
    "act_status_accuracy": 1.0,
    "meeting_f1": 0.97,
}
