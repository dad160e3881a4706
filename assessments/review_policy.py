"""The review rules' figures, each in one place with the reason for its value."""

from policies.extraction.confidence import PRECISE_AT

# "Accept all at or above X": the confidence at which the reader is measured at least 0.99
# precise (the engine's calibration, `make eval`: 0.996 of 791 stated answers at or above it
# on the seeds, the dev corpus and the held-out sets); only answers that add no risk points
# are ever accepted in bulk.
ACCEPT_ABOVE_DEFAULT = PRECISE_AT

# "Does not look like a privacy statement": a real statement, however short, names what it
# collects, why, who receives it and the reader's rights, so the reader answers well over
# five of the 35 questions; a terms-of-sale page or a stray paste answers almost none. Under
# 200 characters there is no room for even that much.
MIN_STATED_TOPICS = 5
MIN_STATEMENT_CHARS = 200
